package io.mcpwatch.notify;

/** A failed delivery; its message is secret-free and recorded in history. */
public abstract sealed class DeliveryException extends Exception
    permits TemporaryDeliveryException, PermanentDeliveryException {
  private static final long serialVersionUID = 1L;

  protected DeliveryException(String message, Throwable cause) {
    super(message, cause);
  }

  protected DeliveryException(String message) {
    super(message);
  }
}
