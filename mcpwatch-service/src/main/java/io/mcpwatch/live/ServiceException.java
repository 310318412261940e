package io.mcpwatch.live;

/**
 * The live service (or the demo) cannot run as asked. The message is one line for the user, naming
 * the setting, flag or file; {@link #kind} tells a front-end whether the request itself was wrong
 * or the environment refused (a port in use, a database that cannot be opened).
 */
public final class ServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the service cannot run. */
  public enum Kind {
    /** A setting, flag or source in the request is wrong (the CLI exits with 2). */
    INVALID,
    /** Something outside the request failed: database, port, file system (the CLI exits with 1). */
    UNAVAILABLE
  }

  private final Kind kind;

  public ServiceException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
