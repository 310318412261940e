package io.mcpwatch.server;

import static io.mcpwatch.server.subscribe.FakeActions.TOPIC;
import static io.mcpwatch.server.subscribe.FakeActions.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.notify.ConfirmResult;
import io.mcpwatch.notify.Links;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.notify.UnsubscribeResult;
import io.mcpwatch.server.subscribe.FakeActions;
import io.mcpwatch.server.subscribe.SubscriptionPages;
import io.mcpwatch.server.web.BearerToken;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The subscription pages over real HTTP, on a server that also has an ingest token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpServerPagesTest {
  static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n";
  static final String HOSTILE = "\"><script>alert(1)</script>";

  final FakeActions actions = new FakeActions();
  final Subscription confirmed =
      subscription("s-ok", Protocol.EMAIL, "ops@example.com", SubscriptionStatus.CONFIRMED);
  HttpServer server;
  URI base;

  @BeforeAll
  void start() {
    actions.confirms.put(
        "good-token", new ConfirmResult(ConfirmResult.Outcome.CONFIRMED, confirmed));
    actions.confirms.put(
        "old-token",
        new ConfirmResult(
            ConfirmResult.Outcome.EXPIRED,
            subscription(
                "s-old",
                Protocol.EMAIL,
                "x@example.com",
                SubscriptionStatus.PENDING_CONFIRMATION)));
    Subscription gone =
        subscription("s-ok", Protocol.EMAIL, "ops@example.com", SubscriptionStatus.UNSUBSCRIBED);
    actions.unsubscribes.put(
        confirmed.arn(), new UnsubscribeResult(UnsubscribeResult.Outcome.UNSUBSCRIBED, gone));
    ServerSettings s =
        ServerSettings.defaults()
            .withPort(0)
            .withToken(BearerToken.of("http.token", "a-token-of-enough-length"));
    server =
        HttpServer.builder(s)
            .ingest(e -> io.mcpwatch.server.ingest.Admission.accepted())
            .subscriptions(
                new SubscriptionPages(actions, Links.of("http://127.0.0.1:1"), () -> PEM))
            .health(() -> Map.of("alarms", 3L))
            .start();
    base = server.baseUri();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void confirmationHtml_confirmsWithoutToken() throws Exception {
    for (String path : new String[] {"/confirmation.html", "/sns/confirm"}) {
      HttpResponse<String> r =
          TestHttp.get(
              base,
              path
                  + "?TopicArn="
                  + enc(TOPIC)
                  + "&Token=good-token&Endpoint="
                  + enc("ops@example.com"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
      assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(r.body()).contains("Subscription confirmed!").contains(confirmed.arn());
    }
  }

  @Test
  void confirmationHtml_expiredUnknownAndHostile() throws Exception {
    HttpResponse<String> expired =
        TestHttp.get(base, "/confirmation.html?TopicArn=" + enc(TOPIC) + "&Token=old-token");
    assertThat(expired.statusCode()).isEqualTo(410);
    HttpResponse<String> unknown =
        TestHttp.get(
            base, "/confirmation.html?TopicArn=" + enc(HOSTILE) + "&Token=" + enc(HOSTILE));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body())
        .doesNotContain("<script>")
        .contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(TestHttp.get(base, "/confirmation.html").statusCode()).isEqualTo(400);
  }

  @Test
  void unsubscribeHtml_removes() throws Exception {
    HttpResponse<String> r =
        TestHttp.get(
            base,
            "/unsubscribe.html?SubscriptionArn="
                + enc(confirmed.arn())
                + "&Endpoint="
                + enc(HOSTILE));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Subscription removed!").doesNotContain("<script>");
    HttpResponse<String> unknown = TestHttp.get(base, "/sns/unsubscribe?SubscriptionArn=nope");
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void root_snsQueryApiForms() throws Exception {
    HttpResponse<String> confirm =
        TestHttp.get(
            base, "/?Action=ConfirmSubscription&TopicArn=" + enc(TOPIC) + "&Token=good-token");
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body())
        .contains("<SubscriptionArn>" + confirmed.arn() + "</SubscriptionArn>");
    HttpResponse<String> unsubscribe =
        TestHttp.get(base, "/?Action=Unsubscribe&SubscriptionArn=" + enc(confirmed.arn()));
    assertThat(unsubscribe.statusCode()).isEqualTo(200);
    assertThat(unsubscribe.body()).contains("<UnsubscribeResponse");
    assertThat(TestHttp.get(base, "/").statusCode()).isEqualTo(400);
  }

  @Test
  void certificate_downloads() throws Exception {
    HttpResponse<String> r = TestHttp.get(base, "/sns/SimpleNotificationService-mcpwatch.pem");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(PEM);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-pem-file"));
  }

  @Test
  void healthz_includesSuppliedCounters() throws Exception {
    HttpResponse<String> r = TestHttp.get(base, "/healthz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"alarms\":3").contains("\"ingestRequests\"");
  }
}
