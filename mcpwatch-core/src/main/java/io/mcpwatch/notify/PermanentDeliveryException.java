package io.mcpwatch.notify;

/** A failure that will not go away: the item fails at once, without retries. */
public final class PermanentDeliveryException extends DeliveryException {
  private static final long serialVersionUID = 1L;

  public PermanentDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }

  public PermanentDeliveryException(String message) {
    super(message);
  }
}
