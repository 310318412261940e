package io.mcpwatch.storage;

/**
 * A storage operation failed. The message is one line, names the database (never a password) and
 * says what to do where that is known; the cause carries the driver's detail.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean fatal;

  public StorageException(String message) {
    super(message);
    this.fatal = false;
  }

  private StorageException(String message, boolean fatal) {
    super(message);
    this.fatal = fatal;
  }

  /**
   * A failure that retrying cannot cure and that makes every later write pointless, e.g. the
   * database file was deleted or replaced under the running service. The service stops (exit 1).
   */
  public static StorageException fatal(String message) {
    return new StorageException(message, true);
  }

  /** Whether the service must stop instead of retrying (see {@link #fatal}). */
  public boolean isFatal() {
    return fatal;
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
    this.fatal = false;
  }
}
