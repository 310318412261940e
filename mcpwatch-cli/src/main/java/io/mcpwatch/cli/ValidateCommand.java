package io.mcpwatch.cli;

import io.mcpwatch.configfile.CheckReport;
import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcpwatch validate -c FILE}: errors, then lint findings; exit 0, 1 (warnings) or 2. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a configuration: YAML syntax, unknown keys, types and ranges, filter patterns as AWS"
          + " would accept them, $${NAME} values from the environment, then lint findings"
          + " (patterns that do not do what they seem to, thresholds that can never be reached,"
          + " topics without subscribers, log globs that match no file, subscribers that have"
          + " not confirmed, ...). Passwords, tokens and webhook URLs are never shown.",
      "Exit code: 0 clean (infos only), 1 warnings only, 2 errors."
    })
final class ValidateCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    text,
    json
  }

  @Option(
      names = {"-c", "--config"},
      defaultValue = ConfigOption.DEFAULT,
      paramLabel = "FILE",
      description = "The configuration file (default: ${DEFAULT-VALUE}; see mcpwatch init), or"
          + " Terraform: a .tf file or a directory of them.")
  Path file;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text (default) or json.")
  Format format;

  @Parameters(
      arity = "0..1",
      paramLabel = "PATH",
      description = "Instead of -c: Terraform (a .tf file or a directory of them), or a YAML file.")
  @Nullable Path path;

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Terraform: set a root variable.")
  List<String> vars = new ArrayList<>();

  @Option(names = "--var-file", paramLabel = "FILE", description = "Terraform: a .tfvars file.")
  List<String> varFiles = new ArrayList<>();

  @Spec CommandSpec spec;

  /** This command line's check, run while picocli parsed it (null: none). */
  private final @Nullable CheckPrefetch prefetch;

  ValidateCommand() {
    this(null);
  }

  ValidateCommand(@Nullable CheckPrefetch prefetch) {
    this.prefetch = prefetch;
  }

  @Override
  public Integer call() {
    Path target = path != null ? path : file;
    if (TerraformSupport.isTerraform(target)) {
      return TerraformSupport.validate(
          target, vars, varFiles, format == Format.json, spec.commandLine().getOut());
    }
    file = target;
    @Nullable ConfigCheck prefetched = prefetch == null ? null : prefetch.check(file);
    ConfigCheck check = SubscriptionChecks.apply(
        prefetched != null ? prefetched : ConfigFiles.check(file), ConfigFiles.baseDirectory(file));
    String out = format == Format.json ? CheckReport.json(check) : CheckReport.text(check);
    spec.commandLine().getOut().print(out);
    spec.commandLine().getOut().flush();
    return check.exitCode();
  }
}
