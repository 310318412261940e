package io.mcpwatch.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The SNS JSON document that HTTP/HTTPS endpoints receive as the POST body and {@code email-json}
 * subscribers receive as the e-mail body (spec 4.5), signed with SignatureVersion 2
 * (SHA256withRSA) over the canonical string of {@link #stringToSign(Map)}.
 *
 * <p>Keys come in SNS's order and the text uses SNS's layout ({@code "Key" : "value"}, two-space
 * indent). All values are strings.
 */
public final class SnsEnvelope {
  public static final String NOTIFICATION = "Notification";
  public static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
  public static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";
  public static final String SIGNATURE_VERSION = "2";

  private static final List<String> NOTIFICATION_SIGNED =
      List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
  private static final List<String> CONFIRMATION_SIGNED =
      List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

  private final Map<String, String> fields;

  private SnsEnvelope(Map<String, String> fields) {
    this.fields = Collections.unmodifiableMap(fields);
  }

  /** A signed {@code Notification}; {@code subject} is omitted when null. */
  public static SnsEnvelope notification(
      String messageId,
      String topicArn,
      @Nullable String subject,
      String message,
      Instant timestamp,
      Links links,
      String subscriptionArn,
      MessageSigner signer) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Type", NOTIFICATION);
    f.put("MessageId", messageId);
    f.put("TopicArn", topicArn);
    if (subject != null) {
      f.put("Subject", subject);
    }
    f.put("Message", message);
    f.put("Timestamp", Formats.sns(timestamp));
    sign(f, links, signer);
    f.put("UnsubscribeURL", links.unsubscribe(subscriptionArn, null));
    return new SnsEnvelope(f);
  }

  /** A signed {@code SubscriptionConfirmation} whose SubscribeURL is mcpwatch's confirm link. */
  public static SnsEnvelope subscriptionConfirmation(
      String messageId, String token, String topicArn, Instant timestamp, Links links,
      MessageSigner signer) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Type", SUBSCRIPTION_CONFIRMATION);
    f.put("MessageId", messageId);
    f.put("Token", token);
    f.put("TopicArn", topicArn);
    f.put("Message", "You have chosen to subscribe to the topic " + topicArn
        + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
    f.put("SubscribeURL", links.confirm(topicArn, token, null));
    f.put("Timestamp", Formats.sns(timestamp));
    sign(f, links, signer);
    return new SnsEnvelope(f);
  }

  private static void sign(Map<String, String> f, Links links, MessageSigner signer) {
    byte[] signature = signer.sign(stringToSign(f).getBytes(StandardCharsets.UTF_8));
    f.put("SignatureVersion", SIGNATURE_VERSION);
    f.put("Signature", Base64.getEncoder().encodeToString(signature));
    f.put("SigningCertURL", links.signingCertificate());
  }

  /**
   * The canonical string SNS signs: {@code key\nvalue\n} for each key present, in the fixed order
   * for the document's {@code Type} (Notification: Message, MessageId, Subject, Timestamp,
   * TopicArn, Type; the confirmations: Message, MessageId, SubscribeURL, Timestamp, Token,
   * TopicArn, Type).
   *
   * @throws IllegalArgumentException when {@code Type} is missing or unknown
   */
  public static String stringToSign(Map<String, String> fields) {
    String type = Objects.requireNonNullElse(fields.get("Type"), "");
    List<String> keys;
    if (type.equals(NOTIFICATION)) {
      keys = NOTIFICATION_SIGNED;
    } else if (type.equals(SUBSCRIPTION_CONFIRMATION) || type.equals(UNSUBSCRIBE_CONFIRMATION)) {
      keys = CONFIRMATION_SIGNED;
    } else {
      throw new IllegalArgumentException("Type: expected Notification, SubscriptionConfirmation"
          + " or UnsubscribeConfirmation; found " + Text.quoteForMessage(type));
    }
    StringBuilder b = new StringBuilder(256);
    for (String k : keys) {
      String v = fields.get(k);
      if (v != null) {
        b.append(k).append('\n').append(v).append('\n');
      }
    }
    return b.toString();
  }

  /** The fields in order. */
  public Map<String, String> fields() {
    return fields;
  }

  public String type() {
    return fields.get("Type");
  }

  public String messageId() {
    return fields.get("MessageId");
  }

  /** The document as SNS writes it. */
  public String toJson() {
    StringBuilder b = new StringBuilder(1024).append("{\n");
    boolean first = true;
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (!first) {
        b.append(",\n");
      }
      first = false;
      b.append("  ").append(Formats.quote(e.getKey())).append(" : ")
          .append(Formats.quote(e.getValue()));
    }
    return b.append("\n}").toString();
  }
}
