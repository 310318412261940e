package io.mcpwatch.cli;

import io.mcpwatch.terraform.ImportedConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

/** {@code mcpwatch import terraform PATH... [--var k=v] [--var-file F] [-o FILE]}. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Turn alarms defined elsewhere into an mcpwatch configuration.",
    subcommands = {ImportCommand.Terraform.class})
final class ImportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "terraform",
      mixinStandardHelpOptions = true,
      description = {
        "Read .tf files (a root module, a module, or a root calling local modules) and write their"
            + " aws_cloudwatch_log_metric_filter, aws_cloudwatch_metric_alarm, aws_sns_topic and"
            + " aws_sns_topic_subscription resources as mcpwatch YAML. Each alarm carries a"
            + " comment naming its .tf line. What cannot be resolved (a variable without a value,"
            + " an attribute known only after apply) is an error naming file:line:column.",
        "A module's variable appname (app_name, app, mcp, ...) is the app and environment (env,"
            + " stage) the environment; a module read on its own has one example app."
      })
  static final class Terraform implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "A directory or .tf file.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Set a root variable, as terraform -var.")
    List<String> vars = new ArrayList<>();

    @Option(names = "--var-file", paramLabel = "FILE", description = "A .tfvars file, as terraform -var-file.")
    List<String> varFiles = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here (default: standard output).")
    @Nullable Path output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ImportedConfig c = TerraformSupport.importPaths(paths, vars, varFiles);
      if (output == null) {
        spec.commandLine().getOut().print(c.yaml());
        spec.commandLine().getOut().flush();
      } else {
        try {
          Files.writeString(output, c.yaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UserError(2, "cannot write " + output + ": " + e.getMessage());
        }
        spec.commandLine()
            .getOut()
            .printf("wrote %s; check it with: mcpwatch validate -c %s%n", output, output);
      }
      for (String n : c.notes()) {
        spec.commandLine().getErr().println("note: " + n);
      }
      return 0;
    }
  }
}
