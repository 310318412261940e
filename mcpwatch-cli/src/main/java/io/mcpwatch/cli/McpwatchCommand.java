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
public final class McpwatchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The configured command line: exit codes and user errors are mapped in one place. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new McpwatchCommand());
    cl.setExecutionExceptionHandler(new UserErrorHandler());
    // Reports carry user text and sparklines: always UTF-8, whatever the platform charset.
    cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    return cl;
  }
}
