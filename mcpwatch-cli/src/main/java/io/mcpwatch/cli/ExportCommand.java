package io.mcpwatch.cli;

import io.mcpwatch.configfile.ConfigFileException;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.terraform.CloudFormationExport;
import io.mcpwatch.terraform.TerraformExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcpwatch export terraform|cloudformation -c FILE -o DIR}. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write the configuration's alarms as infrastructure code.",
    subcommands = {ExportCommand.Terraform.class, ExportCommand.CloudFormation.class})
final class ExportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The options both formats share. */
  abstract static class Base implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, defaultValue = ConfigOption.DEFAULT, paramLabel = "FILE",
        description = "The configuration file (default: ${DEFAULT-VALUE}; see mcpwatch init).")
    Path config;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Where to write.")
    Path output;

    @Spec CommandSpec spec;

    abstract TerraformExport.Files render(LoadedConfig loaded);

    @Override
    public Integer call() {
      LoadedConfig loaded;
      try {
        loaded = ConfigFiles.load(config);
      } catch (ConfigFileException e) {
        throw new UserError(2, e.getMessage());
      }
      TerraformExport.Files files = render(loaded);
      List<Path> written;
      try {
        written = files.write(output);
      } catch (IOException e) {
        throw new UserError(2, "cannot write " + output + ": " + e.getMessage());
      }
      for (Path p : written) {
        spec.commandLine().getOut().println("wrote " + p);
      }
      for (String n : files.notes()) {
        spec.commandLine().getOut().println("not exported: " + n);
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(
      name = "terraform",
      mixinStandardHelpOptions = true,
      description = {
        "Terraform in ADR-0003's layout: main/shared (one SNS topic per environment, subscribers"
            + " from variables), modules/mcp_server (the filters and alarms of one MCP for"
            + " var.appname in var.environment, alarm actions to var.sns_topic_arn) and envs/ENV"
            + " (a root per environment calling both), formatted as terraform fmt would.",
        "AWS cannot set a static dimension on a metric filter, so each MCP's metrics carry the app"
            + " in the metric name. Options AWS does not have are listed in a comment."
      })
  static final class Terraform extends Base {
    @Override
    TerraformExport.Files render(LoadedConfig loaded) {
      return TerraformExport.render(loaded.config(), loaded.alarms(), config.getFileName().toString());
    }
  }

  @Command(
      name = "cloudformation",
      mixinStandardHelpOptions = true,
      description = {
        "CloudFormation YAML, one stack per environment (cloudformation/ENV.yaml): its SNS topic,"
            + " one subscription per subscriber (the endpoints are parameters) and every MCP's"
            + " metric filters and alarms."
      })
  static final class CloudFormation extends Base {
    @Override
    TerraformExport.Files render(LoadedConfig loaded) {
      return CloudFormationExport.render(loaded.config(), loaded.alarms(), config.getFileName().toString());
    }
  }
}
