package io.mcpwatch.notify;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stored subscription: what the {@link SubscriptionStore} keeps per (topic, protocol, endpoint).
 *
 * @param id the random subscription id (a UUID); the last segment of {@link #arn()}
 * @param topicArn the topic's ARN
 * @param protocol the protocol
 * @param endpoint the address or URL (a secret for URL protocols; see {@link #toString()})
 * @param status pending, confirmed or unsubscribed
 * @param token the current confirmation token, or null (chat subscriptions have none)
 * @param createdAt when the subscription was created
 * @param tokenIssuedAt when {@code token} was issued (the latest confirmation request), or null
 * @param confirmedAt when it was confirmed, or null
 */
public record Subscription(
    String id,
    String topicArn,
    Protocol protocol,
    String endpoint,
    SubscriptionStatus status,
    @Nullable String token,
    Instant createdAt,
    @Nullable Instant tokenIssuedAt,
    @Nullable Instant confirmedAt) {

  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(topicArn, "topicArn");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    if (token != null && tokenIssuedAt == null) {
      throw new IllegalArgumentException("tokenIssuedAt: required when a token is set");
    }
  }

  /** The subscription ARN, {@code <topicArn>:<id>}. */
  public String arn() {
    return Arns.subscription(topicArn, id);
  }

  /** The key that matches it with a configured {@link Subscriber#key()}. */
  public String key() {
    return Subscriber.key(protocol, endpoint);
  }

  public boolean isConfirmed() {
    return status == SubscriptionStatus.CONFIRMED;
  }

  /** When the current token stops working, or null without a token. */
  public @Nullable Instant tokenExpiresAt(NotifySettings settings) {
    return tokenIssuedAt == null ? null : tokenIssuedAt.plus(settings.tokenValidity());
  }

  Subscription confirmedAt(Instant at) {
    return new Subscription(id, topicArn, protocol, endpoint, SubscriptionStatus.CONFIRMED,
        token, createdAt, tokenIssuedAt, at);
  }

  Subscription unsubscribed() {
    return new Subscription(id, topicArn, protocol, endpoint, SubscriptionStatus.UNSUBSCRIBED,
        null, createdAt, null, confirmedAt);
  }

  Subscription pendingWithToken(String newToken, Instant issuedAt) {
    return new Subscription(id, topicArn, protocol, endpoint,
        SubscriptionStatus.PENDING_CONFIRMATION, newToken, createdAt, issuedAt, null);
  }

  @Override
  public String toString() {
    return "Subscription[" + arn() + " " + protocol.id() + " "
        + Subscriber.redact(protocol, endpoint) + " " + status + "]";
  }
}
