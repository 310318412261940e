package io.mcpwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubscriberProtocolsTest {

  private static BindResult withSubscribers(String subscribers) {
    return Trees.bind(
        Trees.SMALL.replace("[ { email: 'o@example.com' } ]", "[ " + subscribers + " ]"));
  }

  @Test
  void subscribers_everyProtocol_binds() {
    BindResult r =
        withSubscribers(
            "{ email: 'a@example.com' }, { 'email-json': 'b@example.com' }, { https:"
                + " 'https://hooks.example.com/mcp' }, { http: 'http://10.0.0.7:9000/sns' }, {"
                + " slack: 'https://hooks.slack.com/services/T0/B0/XyZ' }, { teams:"
                + " 'https://example.webhook.office.com/webhookb2/abc' }");

    assertThat(r.errors()).isEmpty();
    List<Subscriber> subs = r.config().topics().get(0).subscribers();
    assertThat(subs)
        .extracting(s -> s.protocol().key())
        .containsExactly("email", "email-json", "https", "http", "slack", "teams");
    assertThat(subs)
        .extracting(s -> s.protocol().toNotify().id())
        .containsExactly("email", "email-json", "https", "http", "slack", "teams");
    assertThat(subs.get(4).toNotify().endpoint())
        .isEqualTo("https://hooks.slack.com/services/T0/B0/XyZ");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "email|not-an-address",
        "email|a@b@c.com",
        "email|Alice <a@example.com>",
        "email-json|x@",
        "https|http://example.com/hook",
        "https|https://",
        "http|https://example.com/hook",
        "http|example.com/hook",
        "slack|hooks.slack.com/services/T/B/secret",
        "teams|https://exa mple.com/x",
      })
  void subscribers_badEndpoint_sameMessageAsTheNotifyModule(String protocol, String endpoint) {
    BindResult r = withSubscribers("{ '" + protocol + "': '" + endpoint + "' }");

    String notify = null;
    try {
      io.mcpwatch.notify.Subscriber.of(protocol, endpoint);
    } catch (IllegalArgumentException e) {
      notify = e.getMessage();
    }
    assertThat(notify).as("the notify module rejects it too").startsWith("endpoint: ");
    String expected = notify;
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("environments.dev.subscribers[0]." + protocol);
              assertThat("endpoint: " + e.message()).isEqualTo(expected);
            });
  }

  @Test
  void subscribers_chatWebhooks_mustBeHttps() {
    BindResult r =
        withSubscribers(
            "{ slack: 'http://hooks.slack.com/services/T/B/s3cr3t' },"
                + " { teams: 'http://outlook.office.com/webhook/s3cr3t' }");

    assertThat(r.errors())
        .extracting(ConfigError::message)
        .containsExactly(
            "protocol slack expects a URL starting with https://; found"
                + " \"http://hooks.slack.com/...\"",
            "protocol teams expects a URL starting with https://; found"
                + " \"http://outlook.office.com/...\"");
  }

  @Test
  void subscribers_urlUnderEmail_saysWhichProtocolTakesUrls() {
    BindResult r = withSubscribers("{ email: 'https://hooks.slack.com/services/T/B/s3cr3t' }");

    assertThat(r.errors())
        .extracting(ConfigError::message)
        .containsExactly(
            "expected an e-mail address, found a URL (URLs are subscribed with https:, http:,"
                + " slack: or teams:)");
  }

  @Test
  void subscriber_toString_hidesWebhookSecrets() {
    BindResult r =
        withSubscribers(
            "{ slack: 'https://hooks.slack.com/services/T0/B0/s3cr3t' },"
                + " { https: 'https://user:s3cr3t@example.com/hook?token=s3cr3t' }");

    assertThat(r.config().toString()).doesNotContain("s3cr3t");
    assertThat(r.config().topics().get(0).subscribers().get(0).toString())
        .contains("slack https://hooks.slack.com/...");
    assertThat(r.config().topics().get(0).subscribers().get(1).redactedEndpoint())
        .isEqualTo("https://example.com/...");
  }

  @Test
  void subscribers_sameTopicTwice_comparedAsTheNotifierDoes() {
    String text =
        Trees.SMALL.replace(
            "apps:",
            "topics: { 'alarms-dev': { subscribers: [ { email: 'O@Example.com' } ] } }, apps:");

    assertThat(Trees.bind(text).errors()).isEmpty();
  }

  @Test
  void topics_namesFollowSns() {
    BindResult r =
        Trees.bind(
            Trees.SMALL
                .replace("topic: 'alarms-dev'", "topic: 'alarms.dev'")
                .replace("apps:", "topics: { 'on.call': {} }, apps:"));

    assertThat(r.errors())
        .extracting(e -> e.path() + ": " + e.message())
        .containsExactly(
            "environments.dev.topic: expected a topic name of 1 to 256 characters from A-Z a-z"
                + " 0-9 _ - (as SNS allows), found \"alarms.dev\"",
            "topics.on.call: expected a topic name of 1 to 256 characters from A-Z a-z 0-9 _ -"
                + " (as SNS allows)");
  }

  @Test
  void notifySubscriber_rejectsWhatTheBinderRejects() {
    assertThatThrownBy(() -> io.mcpwatch.notify.Subscriber.of("https", "http://x/y"))
        .hasMessageStartingWith("endpoint: protocol https expects a URL starting with https://");
  }
}
