package io.mcpwatch.cli;

import picocli.CommandLine;

/** Entry point of the runnable jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (used by tests, too). */
  public static int run(String... args) {
    return McpwatchCommand.commandLine(args).execute(args);
  }
}
