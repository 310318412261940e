package io.mcpwatch.server.subscribe;

import static io.mcpwatch.server.subscribe.FakeActions.TOPIC;
import static io.mcpwatch.server.subscribe.FakeActions.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.notify.ConfirmResult;
import io.mcpwatch.notify.Links;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.notify.UnsubscribeResult;
import io.mcpwatch.server.web.Answer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionPagesTest {
  static final String HOSTILE = "<script>alert(\"x\")</script>'&";
  static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  final FakeActions actions = new FakeActions();
  final SubscriptionPages pages =
      new SubscriptionPages(actions, Links.of("http://127.0.0.1:8787"), () -> PEM);

  static Map<String, List<String>> q(String... kv) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], List.of(kv[i + 1]));
    }
    return m;
  }

  static void assertNoRawMarkup(Answer a) {
    assertThat(a.body()).doesNotContain("<script").doesNotContain("alert(\"x\")");
    assertThat(a.headers())
        .containsEntry("Cache-Control", "no-store")
        .containsEntry("Referrer-Policy", "no-referrer");
  }

  @Test
  void confirmPage_confirmedShowsSubscriptionIdAndUnsubscribeLink() {
    Subscription s =
        subscription("sub-1", Protocol.EMAIL, "a@example.com", SubscriptionStatus.CONFIRMED);
    actions.confirms.put("tok1", new ConfirmResult(ConfirmResult.Outcome.CONFIRMED, s));
    Answer a = pages.confirmPage(q("TopicArn", TOPIC, "Token", "tok1", "Endpoint", "a@x"));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).isEqualTo(Answer.HTML);
    assertThat(a.body())
        .contains("Subscription confirmed!")
        .contains("Your subscription&#39;s id is:")
        .contains(TOPIC + ":sub-1")
        .contains(
            "href=\"http://127.0.0.1:8787/sns/unsubscribe?SubscriptionArn="
                + "arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Asecurity-alerts%3Asub-1"
                + "&amp;Endpoint=a%40example.com\"");
    assertThat(actions.calls).containsExactly("confirm " + TOPIC + " tok1");
  }

  @Test
  void confirmPage_alreadyConfirmedIsStillConfirmed() {
    Subscription s =
        subscription(
            "sub-1", Protocol.HTTPS, "https://hook.example/secret", SubscriptionStatus.CONFIRMED);
    actions.confirms.put("tok1", new ConfirmResult(ConfirmResult.Outcome.ALREADY_CONFIRMED, s));
    Answer a = pages.confirmPage(q("TopicArn", TOPIC, "Token", "tok1"));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).contains("Subscription confirmed!").doesNotContain("hook.example");
  }

  @Test
  void confirmPage_expiredIs410() {
    Subscription s =
        subscription(
            "sub-2", Protocol.EMAIL, "b@example.com", SubscriptionStatus.PENDING_CONFIRMATION);
    actions.confirms.put("old", new ConfirmResult(ConfirmResult.Outcome.EXPIRED, s));
    Answer a = pages.confirmPage(q("TopicArn", TOPIC, "Token", "old"));
    assertThat(a.status()).isEqualTo(410);
    assertThat(a.body()).contains("expired").doesNotContain("Subscription confirmed!");
  }

  @Test
  void confirmPage_unknownTokenIs404AndEscapesEcho() {
    Answer a = pages.confirmPage(q("TopicArn", HOSTILE, "Token", HOSTILE, "Endpoint", HOSTILE));
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.body())
        .contains("Invalid token")
        .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;");
    assertNoRawMarkup(a);
  }

  @Test
  void confirmPage_missingParametersIs400WithoutCallingActions() {
    assertThat(pages.confirmPage(q("TopicArn", TOPIC)).status()).isEqualTo(400);
    assertThat(pages.confirmPage(q("Token", "t", "TopicArn", "")).status()).isEqualTo(400);
    assertThat(pages.confirmPage(q("TopicArn", TOPIC, "Token", "x".repeat(5000))).status())
        .isEqualTo(400);
    assertThat(actions.calls).isEmpty();
  }

  @Test
  void confirmPage_hostileSubscriptionDataIsEscaped() {
    Subscription s =
        new Subscription(
            "id<b>",
            TOPIC + HOSTILE,
            Protocol.EMAIL,
            "e<i>@example.com",
            SubscriptionStatus.CONFIRMED,
            null,
            FakeActions.T0,
            null,
            FakeActions.T0);
    actions.confirms.put("t", new ConfirmResult(ConfirmResult.Outcome.CONFIRMED, s));
    Answer a = pages.confirmPage(q("TopicArn", TOPIC, "Token", "t"));
    assertThat(a.status()).isEqualTo(200);
    assertNoRawMarkup(a);
    assertThat(a.body()).doesNotContain("<b>").doesNotContain("<i>");
  }

  @Test
  void confirmPage_actionFailureIs500() {
    actions.fail = true;
    Answer a = pages.confirmPage(q("TopicArn", TOPIC, "Token", "t"));
    assertThat(a.status()).isEqualTo(500);
    assertThat(a.body()).doesNotContain("store down");
  }

  @Test
  void unsubscribePage_removedShowsTopicAndEmailEndpoint() {
    Subscription gone =
        subscription("sub-1", Protocol.EMAIL, "a@example.com", SubscriptionStatus.UNSUBSCRIBED);
    actions.unsubscribes.put(
        gone.arn(), new UnsubscribeResult(UnsubscribeResult.Outcome.UNSUBSCRIBED, gone));
    Answer a = pages.unsubscribePage(q("SubscriptionArn", gone.arn(), "Endpoint", HOSTILE));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body())
        .contains("Subscription removed!")
        .contains("has been deactivated for endpoint a@example.com:")
        .contains(TOPIC);
    assertNoRawMarkup(a);
    Answer again = pages.unsubscribePage(q("SubscriptionArn", gone.arn()));
    assertThat(again.status()).isEqualTo(200);
  }

  @Test
  void unsubscribePage_pendingIs400UnknownIs404() {
    Subscription pending =
        subscription(
            "sub-3", Protocol.EMAIL, "c@example.com", SubscriptionStatus.PENDING_CONFIRMATION);
    actions.unsubscribes.put(
        pending.arn(),
        new UnsubscribeResult(UnsubscribeResult.Outcome.PENDING_CONFIRMATION, pending));
    Answer a = pages.unsubscribePage(q("SubscriptionArn", pending.arn()));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body()).contains("Cannot unsubscribe a subscription that is pending confirmation");
    Answer unknown = pages.unsubscribePage(q("SubscriptionArn", HOSTILE));
    assertThat(unknown.status()).isEqualTo(404);
    assertNoRawMarkup(unknown);
    assertThat(pages.unsubscribePage(q()).status()).isEqualTo(400);
  }

  @Test
  void queryApi_confirmSubscriptionAnswersSnsXml() {
    Subscription s =
        subscription("sub-1", Protocol.HTTPS, "https://h.example/x", SubscriptionStatus.CONFIRMED);
    actions.confirms.put("tok1", new ConfirmResult(ConfirmResult.Outcome.CONFIRMED, s));
    Answer a =
        pages.queryApi(q("Action", "ConfirmSubscription", "TopicArn", TOPIC, "Token", "tok1"));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).isEqualTo(Answer.XML);
    assertThat(a.body())
        .contains(
            "<ConfirmSubscriptionResponse xmlns=\"" + "http://sns.amazonaws.com/doc/2010-03-31/\">")
        .contains("<SubscriptionArn>" + s.arn() + "</SubscriptionArn>")
        .containsPattern("<RequestId>[0-9a-f-]{36}</RequestId>");
    Answer bad =
        pages.queryApi(q("Action", "ConfirmSubscription", "TopicArn", TOPIC, "Token", HOSTILE));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body())
        .contains("<Code>InvalidParameter</Code>")
        .contains("<Message>Invalid token</Message>");
  }

  @Test
  void queryApi_unsubscribeAndErrors() {
    Subscription gone =
        subscription("sub-1", Protocol.HTTP, "http://h.example/x", SubscriptionStatus.UNSUBSCRIBED);
    actions.unsubscribes.put(
        gone.arn(), new UnsubscribeResult(UnsubscribeResult.Outcome.UNSUBSCRIBED, gone));
    Answer ok = pages.queryApi(q("Action", "Unsubscribe", "SubscriptionArn", gone.arn()));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).contains("<UnsubscribeResponse").contains("</UnsubscribeResponse>");
    Answer unknown = pages.queryApi(q("Action", "Unsubscribe", "SubscriptionArn", "nope"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("<Code>NotFound</Code>");
    Answer other = pages.queryApi(q("Action", HOSTILE));
    assertThat(other.status()).isEqualTo(400);
    assertThat(other.body()).contains("<Code>InvalidAction</Code>").doesNotContain("<script");
    assertThat(pages.queryApi(q()).body()).contains("<Code>MissingAction</Code>");
  }

  @Test
  void certificate_servesPemOr404() {
    Answer a = pages.certificate();
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).isEqualTo(PEM);
    assertThat(a.contentType()).isEqualTo("application/x-pem-file");
    SubscriptionPages none =
        new SubscriptionPages(actions, Links.of("http://127.0.0.1:8787"), () -> null);
    assertThat(none.certificate().status()).isEqualTo(404);
  }
}
