package io.mcpwatch.notify;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message for one subscription, fully rendered when the state change is recorded (so the
 * payload, the MessageId and the signature are identical on every retry), plus its delivery state.
 * The storage layer keeps one row per item, the fields as columns.
 *
 * @param id unique per delivery (a name-based UUID of the message id and subscription ARN, so
 *     planning the same state change twice yields the same ids and {@link Outbox#enqueue} can
 *     ignore the repeat)
 * @param messageId the SNS MessageId; the same for every subscription of one publish and stable
 *     across retries
 * @param kind notification or subscription confirmation
 * @param protocol the subscription's protocol
 * @param endpoint the address or URL (a secret for URL protocols; never logged, see {@link
 *     #toString()})
 * @param topicArn the topic
 * @param subscriptionArn the subscription
 * @param alarmName the alarm (for Action history items), or null for confirmations
 * @param subject the e-mail subject (also the SNS Subject), or null
 * @param body the e-mail text, the SNS JSON document, or the chat JSON
 * @param unsubscribeUrl the subscription's unsubscribe link (e-mails also send it as {@code
 *     List-Unsubscribe}), or null
 * @param senderName the e-mail sender's display name (the topic's DisplayName)
 * @param createdAt when it was enqueued (the state change's recording time)
 * @param status pending, delivered or failed
 * @param attempts how many attempts were made so far
 * @param nextAttemptAt when the next attempt is due (meaningful while pending)
 * @param lastError the last attempt's failure detail, or null
 */
public record OutboxItem(
    String id,
    String messageId,
    MessageKind kind,
    Protocol protocol,
    String endpoint,
    String topicArn,
    String subscriptionArn,
    @Nullable String alarmName,
    @Nullable String subject,
    String body,
    @Nullable String unsubscribeUrl,
    String senderName,
    Instant createdAt,
    OutboxStatus status,
    int attempts,
    Instant nextAttemptAt,
    @Nullable String lastError) {

  public OutboxItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(topicArn, "topicArn");
    Objects.requireNonNull(subscriptionArn, "subscriptionArn");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(senderName, "senderName");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts: expected at least 0; found " + attempts);
    }
    if (subject != null && Text.hasUnsafe(subject)) {
      throw new IllegalArgumentException("subject: must not contain control characters");
    }
  }

  /** A new pending item, due at {@code createdAt}. */
  static OutboxItem pending(
      String id, String messageId, MessageKind kind, Subscription sub, @Nullable String alarmName,
      @Nullable String subject, String body, @Nullable String unsubscribeUrl, String senderName,
      Instant createdAt) {
    return new OutboxItem(id, messageId, kind, sub.protocol(), sub.endpoint(), sub.topicArn(),
        sub.arn(), alarmName, subject, body, unsubscribeUrl, senderName, createdAt,
        OutboxStatus.PENDING, 0, createdAt, null);
  }

  /** This item after {@code attempt}, with the given status and next due time. */
  public OutboxItem after(Attempt attempt, OutboxStatus newStatus, Instant next) {
    return new OutboxItem(id, messageId, kind, protocol, endpoint, topicArn, subscriptionArn,
        alarmName, subject, body, unsubscribeUrl, senderName, createdAt, newStatus,
        attempt.number(), next,
        attempt.outcome() == AttemptOutcome.DELIVERED ? lastError : attempt.detail());
  }

  /** The endpoint in a form safe to log. */
  public String redactedEndpoint() {
    return Subscriber.redact(protocol, endpoint);
  }

  @Override
  public String toString() {
    return "OutboxItem[" + id + " " + kind + " " + protocol.id() + " " + redactedEndpoint() + " "
        + status + " attempts=" + attempts + "]";
  }
}
