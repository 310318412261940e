package io.mcpwatch.notify;

import org.jspecify.annotations.Nullable;

/**
 * What following a confirmation link did. The HTTP endpoint shows "Subscription confirmed! ...
 * Your subscription's id is: {@code subscription.arn()}" for {@link Outcome#CONFIRMED} and {@link
 * Outcome#ALREADY_CONFIRMED}.
 *
 * @param outcome what happened
 * @param subscription the subscription, or null for {@link Outcome#UNKNOWN_TOKEN}
 */
public record ConfirmResult(Outcome outcome, @Nullable Subscription subscription) {
  public enum Outcome {
    CONFIRMED,
    ALREADY_CONFIRMED,
    /** The token is older than the token validity; ask for a new link. */
    EXPIRED,
    /** No subscription has this token for this topic (removed, expired and dropped, or forged). */
    UNKNOWN_TOKEN
  }
}
