package io.mcpwatch.notify;

/** A failure that may go away: retried per the protocol's {@link RetryPolicy}. */
public final class TemporaryDeliveryException extends DeliveryException {
  private static final long serialVersionUID = 1L;

  public TemporaryDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }

  public TemporaryDeliveryException(String message) {
    super(message);
  }
}
