package io.mcpwatch.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code mcpwatch} command; each subcommand is one small class. */
@Command(
    name = "mcpwatch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "CloudWatch-compatible log-based security alarms for MCP servers.",
    subcommands = {
      TestPatternCommand.class,
      InitCommand.class,
      ValidateCommand.class,
      BacktestCommand.class,
      RunCommand.class,
      StatusCommand.class,
      SubscriptionsCommand.class,
      DemoCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      StreamsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class McpwatchCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** No subcommand: the usage on stderr and exit 2, as for any other usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /**
   * A usage error as one line: picocli's message (without Java type names) and where help is:
   * {@code mcpwatch: Missing required option: '--env=ENV'; see `mcpwatch backtest --help`}.
   */
  static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    String name = cl.getCommandSpec().qualifiedName(" ");
    String message = String.valueOf(ex.getMessage()).strip();
    int nl = message.indexOf('\n');
    if (nl >= 0) {
      message = message.substring(0, nl).strip();
    }
    // picocli names the target type of a bad value ("... to OutputFormat (java.lang....)")
    message = message.replaceAll(" \\((java|io\\.mcpwatch)\\.[^)]*\\)", "")
        .replaceAll("\\b(io\\.mcpwatch|java)\\.[\\w.$]+\\.", "");
    if (message.endsWith(".")) {
      message = message.substring(0, message.length() - 1);
    }
    cl.getErr().println("mcpwatch: " + message + "; see `" + name + " --help`");
    cl.getErr().flush();
    return 2;
  }

  /** The configured command line: exit codes and user errors are mapped in one place. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new McpwatchCommand());
    cl.setExecutionExceptionHandler(new UserErrorHandler());
    cl.setParameterExceptionHandler(McpwatchCommand::usageError);
    // Reports carry user text and sparklines: always UTF-8, whatever the platform charset.
    cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    return cl;
  }
}
