package io.mcpwatch.cli;

import picocli.CommandLine;

/** Maps exceptions to exit codes: user errors print their message only; bugs print a trace. */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    if (ex instanceof UserError) {
      commandLine.getErr().println("mcpwatch: " + ex.getMessage());
      return ((UserError) ex).exitCode();
    }
    commandLine.getErr().println("mcpwatch: internal error (please report): " + ex);
    ex.printStackTrace(commandLine.getErr());
    return 70;
  }
}
