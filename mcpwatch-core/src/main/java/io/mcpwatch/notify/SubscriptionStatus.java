package io.mcpwatch.notify;

/** Where a stored subscription stands. */
public enum SubscriptionStatus {
  /** Waiting for the recipient to follow the confirmation link; receives nothing else. */
  PENDING_CONFIRMATION,
  /** Receives notifications. */
  CONFIRMED,
  /**
   * The recipient followed an unsubscribe link. Kept as a tombstone while the configuration still
   * lists the endpoint, so reloading the configuration does not send confirmation requests to
   * someone who opted out; {@link SubscriptionManager#requestConfirmation(String)} re-subscribes.
   */
  UNSUBSCRIBED
}
