package io.mcpwatch.storage;

/**
 * A storage operation failed. The message is one line, names the database (never a password) and
 * says what to do where that is known; the cause carries the driver's detail.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
