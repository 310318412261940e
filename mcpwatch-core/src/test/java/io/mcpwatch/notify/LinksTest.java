package io.mcpwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class LinksTest {

  @Test
  void confirmAndUnsubscribe_pointAtOwnEndpointsWithEncodedParameters() {
    Links l = Links.of("http://127.0.0.1:8787/");

    assertThat(l.confirm("arn:aws:sns:eu-west-1:000000000000:t", "abc", "a+b@example.com"))
        .isEqualTo("http://127.0.0.1:8787/sns/confirm?TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A"
            + "000000000000%3At&Token=abc&Endpoint=a%2Bb%40example.com");
    assertThat(l.unsubscribe("arn:x:y", null))
        .isEqualTo("http://127.0.0.1:8787/sns/unsubscribe?SubscriptionArn=arn%3Ax%3Ay");
    assertThat(l.alarm("Test alarm/ü")).isEqualTo("http://127.0.0.1:8787/alarms/Test%20alarm%2F%C3%BC");
    assertThat(l.signingCertificate())
        .isEqualTo("http://127.0.0.1:8787/sns/SimpleNotificationService-mcpwatch.pem");
  }

  @Test
  void encode_anyString_yieldsOnlyUnreservedCharactersAndPercentEscapes() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 100)).checkAssert(s ->
        assertThat(Links.encode(s)).matches("[A-Za-z0-9._~%-]*"));
  }

  @Test
  void new_rejectsBadBaseUrl() {
    assertThatIllegalArgumentException().isThrownBy(() -> Links.of("ftp://x"))
        .withMessageContaining("publicBaseUrl");
    assertThatIllegalArgumentException().isThrownBy(() -> Links.of("http://x\r\n"))
        .withMessageContaining("publicBaseUrl");
  }
}
