package io.mcpwatch.notify;

/**
 * A transport for one or more protocols. Notifiers are tiny: they send once and classify failure
 * as {@link TemporaryDeliveryException} (timeouts, connection refused, SMTP 4xx, HTTP 5xx and 429)
 * or {@link PermanentDeliveryException} (bad address, SMTP 5xx, other HTTP 4xx); they never retry
 * or sleep (the {@link NotificationDispatcher} does). Exception messages end up in history and must
 * not contain secrets (webhook URLs, passwords): name the host, not the URL.
 */
@FunctionalInterface
public interface Notifier {
  /** Sends the item's message to its endpoint, once. */
  void send(OutboxItem item) throws DeliveryException;
}
