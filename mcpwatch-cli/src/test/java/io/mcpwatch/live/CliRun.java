package io.mcpwatch.live;

/** Runs {@code mcpwatch} commands in-process, for the live tests that also drive the CLI. */
final class CliRun {
  private CliRun() {}

  /** What an in-process {@code mcpwatch} command printed and returned. */
  record Cli(int exit, String out, String err) {}

  /** Runs {@code mcpwatch ARGS} in-process through picocli. */
  static Cli cli(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cl = io.mcpwatch.cli.McpwatchCommand.commandLine();
    cl.setOut(new java.io.PrintWriter(out));
    cl.setErr(new java.io.PrintWriter(err));
    int exit = cl.execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }
}
