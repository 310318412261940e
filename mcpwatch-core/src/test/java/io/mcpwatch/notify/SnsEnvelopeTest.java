package io.mcpwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SnsEnvelopeTest {
  private static final Links LINKS = Links.of("http://127.0.0.1:8787");
  private static final Instant TS = Instant.parse("2012-05-02T00:54:06.655Z");

  @Test
  void notification_hasSnsKeysInOrderAndLayout() {
    SnsEnvelope e = SnsEnvelope.notification("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
        "arn:aws:sns:us-west-2:123456789012:MyTopic", "ALARM: \"x\" in US West (Oregon)",
        "{\"AlarmName\":\"x\"}", TS, LINKS, "arn:aws:sns:us-west-2:123456789012:MyTopic:s1",
        Fixtures.signer());

    assertThat(e.fields().keySet()).containsExactly("Type", "MessageId", "TopicArn", "Subject",
        "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL",
        "UnsubscribeURL");
    assertThat(e.toJson()).startsWith("{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : "
            + "\"22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\",\n")
        .contains("  \"Subject\" : \"ALARM: \\\"x\\\" in US West (Oregon)\",\n")
        .contains("  \"Message\" : \"{\\\"AlarmName\\\":\\\"x\\\"}\",\n")
        .contains("  \"Timestamp\" : \"2012-05-02T00:54:06.655Z\",\n")
        .contains("  \"SignatureVersion\" : \"2\",\n")
        .contains("\"SigningCertURL\" : \"http://127.0.0.1:8787/sns/SimpleNotificationService"
            + "-mcpwatch.pem\"")
        .endsWith("\"UnsubscribeURL\" : \"http://127.0.0.1:8787/sns/unsubscribe?SubscriptionArn="
            + "arn%3Aaws%3Asns%3Aus-west-2%3A123456789012%3AMyTopic%3As1\"\n}");
    JsonNode parsed = Formats.JSON.readTree(e.toJson());
    assertThat(parsed.get("Message").asString()).isEqualTo("{\"AlarmName\":\"x\"}");
  }

  @Test
  void stringToSign_notification_usesFixedOrderAndSkipsMissingSubject() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Type", "Notification");
    f.put("TopicArn", "t");
    f.put("Timestamp", "ts");
    f.put("MessageId", "m");
    f.put("Message", "hello\nworld");
    f.put("UnsubscribeURL", "ignored");

    assertThat(SnsEnvelope.stringToSign(f))
        .isEqualTo("Message\nhello\nworld\nMessageId\nm\nTimestamp\nts\nTopicArn\nt\nType\n"
            + "Notification\n");
    f.put("Subject", "s");
    assertThat(SnsEnvelope.stringToSign(f)).contains("MessageId\nm\nSubject\ns\nTimestamp\n");
  }

  @Test
  void subscriptionConfirmation_signatureVerifiesOverCanonicalString() throws Exception {
    SnsEnvelope e = SnsEnvelope.subscriptionConfirmation("m1", "tok", "arn:aws:sns:r:1:t", TS,
        LINKS, Fixtures.signer());

    assertThat(e.fields().keySet()).containsExactly("Type", "MessageId", "Token", "TopicArn",
        "Message", "SubscribeURL", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL");
    assertThat(e.fields().get("SubscribeURL")).isEqualTo(
        "http://127.0.0.1:8787/sns/confirm?TopicArn=arn%3Aaws%3Asns%3Ar%3A1%3At&Token=tok");
    assertThat(e.fields().get("Message")).isEqualTo("You have chosen to subscribe to the topic"
        + " arn:aws:sns:r:1:t.\nTo confirm the subscription, visit the SubscribeURL included in"
        + " this message.");
    assertThat(SnsEnvelope.stringToSign(e.fields())).isEqualTo("Message\n" + e.fields().get("Message")
        + "\nMessageId\nm1\nSubscribeURL\n" + e.fields().get("SubscribeURL")
        + "\nTimestamp\n2012-05-02T00:54:06.655Z\nToken\ntok\nTopicArn\narn:aws:sns:r:1:t\nType\n"
        + "SubscriptionConfirmation\n");
    Signature v = Signature.getInstance("SHA256withRSA");
    v.initVerify(Fixtures.publicKey());
    v.update(SnsEnvelope.stringToSign(e.fields()).getBytes(StandardCharsets.UTF_8));
    assertThat(v.verify(Base64.getDecoder().decode(e.fields().get("Signature")))).isTrue();
  }

  @Test
  void stringToSign_unknownType_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SnsEnvelope.stringToSign(Map.of("Type", "Bogus")))
        .withMessageStartingWith("Type: expected Notification");
  }
}
