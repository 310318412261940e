package io.mcpwatch.notify;

import org.jspecify.annotations.Nullable;

/**
 * What following an unsubscribe link did.
 *
 * @param outcome what happened
 * @param subscription the subscription, or null for {@link Outcome#UNKNOWN}
 */
public record UnsubscribeResult(Outcome outcome, @Nullable Subscription subscription) {
  public enum Outcome {
    UNSUBSCRIBED,
    ALREADY_UNSUBSCRIBED,
    /**
     * Refused, as SNS does: "Cannot unsubscribe a subscription that is pending confirmation" (it
     * simply expires).
     */
    PENDING_CONFIRMATION,
    UNKNOWN
  }
}
