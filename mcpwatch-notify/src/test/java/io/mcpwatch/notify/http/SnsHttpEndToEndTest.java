package io.mcpwatch.notify.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.notify.AlarmMessages;
import io.mcpwatch.notify.AlarmNotice;
import io.mcpwatch.notify.ConfirmResult;
import io.mcpwatch.notify.IdSource;
import io.mcpwatch.notify.InMemoryOutbox;
import io.mcpwatch.notify.InMemorySubscriptionStore;
import io.mcpwatch.notify.NotificationDispatcher;
import io.mcpwatch.notify.NotificationPlanner;
import io.mcpwatch.notify.NotifySettings;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.Subscriber;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionManager;
import io.mcpwatch.notify.TopicConfig;
import io.mcpwatch.notify.testing.HookServer;
import io.mcpwatch.notify.testing.ManualClock;
import io.mcpwatch.notify.testing.TestAlarms;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SNS HTTP delivery against a real HTTP server on 127.0.0.1 that also plays mcpwatch's own
 * endpoints (the signing certificate and the confirm link), as the live service will.
 */
class SnsHttpEndToEndTest {
  private static final SigningKeys KEYS = SigningKeys.generate(() -> TestAlarms.T0);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ManualClock clock = new ManualClock(TestAlarms.T0);
  private final InMemorySubscriptionStore store = new InMemorySubscriptionStore();
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final HttpClient client = HttpClient.newHttpClient();
  private HookServer server;
  private NotifySettings settings;
  private SubscriptionManager manager;
  private NotificationDispatcher dispatcher;

  @BeforeEach
  void setUp() throws Exception {
    server = new HookServer();
    settings = NotifySettings.of("eu-west-1", server.baseUrl());
    manager = new SubscriptionManager(settings, store, outbox,
        new NotificationPlanner(settings, KEYS), IdSource.secure(), clock);
    server.route(settings.links().certificatePath(),
        ex -> HookServer.respond(ex, 200, KEYS.certificatePem()));
    server.route(settings.links().confirmPath(), ex -> {
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      ConfirmResult r = manager.confirm(q.get("TopicArn"), q.get("Token"));
      HookServer.respond(ex, r.outcome() == ConfirmResult.Outcome.CONFIRMED ? 200 : 404,
          "Subscription confirmed! Your subscription's id is: "
              + (r.subscription() == null ? "" : r.subscription().arn()));
    });
    dispatcher = NotificationDispatcher.builder(outbox, clock)
        .notifier(SnsHttpNotifier.create(), Protocol.HTTP, Protocol.HTTPS).subscriptions(store)
        .build();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void confirmationThenNotification_signedVerifiableAndWithSnsHeaders() throws Exception {
    String topicArn = settings.topicArn(TestAlarms.TOPIC);
    manager.reconcile(List.of(new TopicConfig(TestAlarms.TOPIC, null,
        List.of(Subscriber.of("http", server.hookUrl("/sns-receiver"))))));

    dispatcher.runDue();

    HookServer.Received confirm = server.received().get(0);
    assertThat(confirm.method()).isEqualTo("POST");
    assertThat(confirm.header("x-amz-sns-message-type")).isEqualTo("SubscriptionConfirmation");
    assertThat(confirm.header("x-amz-sns-topic-arn")).isEqualTo(topicArn);
    assertThat(confirm.header("x-amz-sns-subscription-arn")).isNull();
    assertThat(confirm.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
    assertThat(confirm.header("User-Agent")).isEqualTo("Amazon Simple Notification Service Agent");
    JsonNode c = JSON.readTree(confirm.body());
    assertThat(confirm.header("x-amz-sns-message-id")).isEqualTo(c.get("MessageId").asString());
    X509Certificate cert = SnsMessageVerifier.fetchCertificate(client,
        c.get("SigningCertURL").asString());
    assertThat(SnsMessageVerifier.verify(confirm.body(), cert)).isTrue();
    HttpResponse<String> visit = client.send(HttpRequest.newBuilder(
        URI.create(c.get("SubscribeURL").asString())).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(visit.statusCode()).isEqualTo(200);
    Subscription s = store.all().get(0);
    assertThat(s.isConfirmed()).isTrue();
    assertThat(visit.body()).endsWith(s.arn());

    AlarmNotice notice = TestAlarms.notice("prod-teams-auth", clock.instant(), TestAlarms.lines());
    outbox.enqueue(manager.plan(notice).items());
    dispatcher.runDue();

    HookServer.Received n = server.received().get(1);
    assertThat(n.header("x-amz-sns-message-type")).isEqualTo("Notification");
    assertThat(n.header("x-amz-sns-subscription-arn")).isEqualTo(s.arn());
    JsonNode body = JSON.readTree(n.body());
    assertThat(n.header("x-amz-sns-message-id")).isEqualTo(body.get("MessageId").asString());
    assertThat(body.get("Subject").asString()).isEqualTo("ALARM: \"prod-teams-auth\" in EU (Ireland)");
    assertThat(body.get("Message").asString()).isEqualTo(AlarmMessages.json(notice, settings));
    assertThat(body.get("UnsubscribeURL").asString())
        .isEqualTo(settings.links().unsubscribe(s.arn(), null));
    assertThat(SnsMessageVerifier.verify(n.body(), cert)).isTrue();
    assertThat(SnsMessageVerifier.verify(n.body().replace("EU (Ireland)", "EU (London)"), cert))
        .isFalse();
  }

  @Test
  void retriedNotification_keepsMessageIdAndBody() throws Exception {
    String topicArn = settings.topicArn(TestAlarms.TOPIC);
    store.put(new Subscription("s1", topicArn, Protocol.HTTP, server.hookUrl("/r"),
        io.mcpwatch.notify.SubscriptionStatus.CONFIRMED, null, clock.instant(), null,
        clock.instant()));
    manager.reconcile(List.of(new TopicConfig(TestAlarms.TOPIC, null,
        List.of(Subscriber.of("http", server.hookUrl("/r"))))));
    outbox.enqueue(manager.plan(TestAlarms.notice("a", clock.instant(), List.of())).items());

    server.answer(503, "busy");
    assertThat(dispatcher.runDue().retrying()).isOne();
    server.answer(204, "");
    clock.advance(Duration.ofSeconds(20));
    assertThat(dispatcher.runDue().delivered()).isOne();

    List<HookServer.Received> got = server.received();
    assertThat(got).hasSize(2);
    assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
    assertThat(got.get(1).header("x-amz-sns-message-id"))
        .isEqualTo(got.get(0).header("x-amz-sns-message-id"));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
