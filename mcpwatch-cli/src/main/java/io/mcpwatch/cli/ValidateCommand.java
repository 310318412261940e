package io.mcpwatch.cli;

import io.mcpwatch.configfile.CheckReport;
import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
      defaultValue = "mcpwatch.yaml",
      paramLabel = "FILE",
      description = "The configuration file (default: ${DEFAULT-VALUE}).")
  Path file;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text (default) or json.")
  Format format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ConfigCheck check =
        SubscriptionChecks.apply(ConfigFiles.check(file), ConfigFiles.baseDirectory(file));
    String out = format == Format.json ? CheckReport.json(check) : CheckReport.text(check);
    spec.commandLine().getOut().print(out);
    spec.commandLine().getOut().flush();
    return check.exitCode();
  }
}
