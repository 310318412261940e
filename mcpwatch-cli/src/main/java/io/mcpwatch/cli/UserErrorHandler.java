package io.mcpwatch.cli;

import io.mcpwatch.configfile.ConfigFileException;
import io.mcpwatch.live.ServiceException;
import picocli.CommandLine;

/**
 * Maps exceptions to exit codes: the user-facing failures of the CLI ({@link UserError}), of the
 * configuration file ({@link ConfigFileException}, exit 2) and of the service ({@link
 * ServiceException}: 2 for a wrong request, 1 when the environment refused) print their message
 * only; anything else is a bug and prints a trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    int exit = exitCode(ex);
    if (exit != 0) {
      commandLine.getErr().println("mcpwatch: " + ex.getMessage());
      return exit;
    }
    commandLine.getErr().println("mcpwatch: internal error (please report): " + ex);
    ex.printStackTrace(commandLine.getErr());
    return 70;
  }

  /** The exit code of a user-facing failure, or 0 for anything else (a bug). */
  static int exitCode(Throwable ex) {
    if (ex instanceof UserError) {
      return ((UserError) ex).exitCode();
    }
    if (ex instanceof ConfigFileException) {
      return 2;
    }
    if (ex instanceof ServiceException) {
      return ((ServiceException) ex).kind() == ServiceException.Kind.INVALID ? 2 : 1;
    }
    return 0;
  }
}
