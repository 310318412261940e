package io.mcpwatch.cli;

/**
 * A mistake of the user's (bad file, bad flag value, invalid pattern): printed as one line (or a
 * short block with a caret) on stderr, never as a stack trace.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public UserError(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
