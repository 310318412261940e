package io.mcpwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SubscriberTest {

  @ParameterizedTest
  @ValueSource(strings = {"a@b", "first.last+tag@example.co.uk", "x_y-z@sub.example.com"})
  void new_acceptsPlainAddresses(String address) {
    assertThat(Subscriber.of("email", address).endpoint()).isEqualTo(address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "nobody", "@x", "x@", "a@b@c", "a b@c", "\"a\"@c", "a@c\r\nBcc: e@x",
      "a@c, b@d", "Name <a@c>", "a..b@c", "a@-c", "ü@c"})
  void new_rejectsAnythingButAPlainAddress(String address) {
    assertThatIllegalArgumentException().isThrownBy(() -> Subscriber.of("email", address))
        .withMessageStartingWith("endpoint: ");
  }

  @Test
  void new_urlProtocols_checkSchemeHostAndControls() {
    assertThat(Subscriber.of("https", "https://h/x").endpoint()).isEqualTo("https://h/x");
    assertThat(Subscriber.of("slack", "http://127.0.0.1:1/x").protocol()).isEqualTo(Protocol.SLACK);
    for (List<String> bad : List.of(List.of("https", "http://h/x"), List.of("http", "https://h"),
        List.of("teams", "ftp://h"), List.of("http", "http:///x"), List.of("http", "http://h/a b"),
        List.of("http", "http://h/\r\nX: y"))) {
      assertThatIllegalArgumentException().isThrownBy(() -> Subscriber.of(bad.get(0), bad.get(1)))
          .withMessageStartingWith("endpoint: ");
    }
  }

  @Test
  void toString_redactsWebhookSecrets() {
    Subscriber s = Subscriber.of("slack", "https://hooks.slack.com/services/T0/B0/s3cr3t");

    assertThat(s.toString()).doesNotContain("s3cr3t").contains("hooks.slack.com");
    assertThat(new TopicConfig("t", null, List.of(s)).toString()).doesNotContain("s3cr3t");
  }

  @Test
  void key_emailIsCaseInsensitive() {
    assertThat(Subscriber.of("email", "Ops@Example.com").key())
        .isEqualTo(Subscriber.of("email", "ops@example.COM").key());
    assertThat(Subscriber.of("email", "a@b").key()).isNotEqualTo(Subscriber.of("email-json", "a@b").key());
  }

  @Test
  void parse_unknownProtocol_listsTheAcceptedOnes() {
    assertThatIllegalArgumentException().isThrownBy(() -> Protocol.parse("sms"))
        .withMessage("protocol: expected one of email, email-json, http, https, slack, teams;"
            + " found \"sms\"");
  }
}
