package io.mcpwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.notify.IdSource;
import io.mcpwatch.notify.InMemoryOutbox;
import io.mcpwatch.notify.InMemorySubscriptionStore;
import io.mcpwatch.notify.NotificationPlanner;
import io.mcpwatch.notify.NotifySettings;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.Subscriber;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionManager;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.notify.TopicConfig;
import io.mcpwatch.server.subscribe.SubscriptionActions;
import io.mcpwatch.server.subscribe.SubscriptionPages;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The real SubscriptionManager behind the pages: confirm, unsubscribe, expiry. */
class SubscriptionEndToEndTest {
  static final String PUBLIC = "http://mcpwatch.example:8787";

  /** A clock the test moves. */
  static final class MovableClock implements InstantSource {
    volatile Instant now = Instant.parse("2024-05-01T12:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }
  }

  final MovableClock clock = new MovableClock();
  final NotifySettings settings = NotifySettings.of("us-east-1", PUBLIC);
  final InMemorySubscriptionStore store = new InMemorySubscriptionStore();
  final InMemoryOutbox outbox = new InMemoryOutbox();
  final SubscriptionManager manager =
      new SubscriptionManager(
          settings,
          store,
          outbox,
          new NotificationPlanner(settings, data -> new byte[] {1}),
          IdSource.fromRandom(new Random(7)),
          clock);

  /** The confirmation link from the queued e-mail, pointed at the test server. */
  static String confirmLink(OutboxItem item, URI base) {
    String body = item.body();
    int start = body.indexOf(PUBLIC + "/sns/confirm?");
    assertThat(start).as(body).isNotNegative();
    int end = start;
    while (end < body.length()
        && !Character.isWhitespace(body.charAt(end))
        && body.charAt(end) != '"'
        && body.charAt(end) != '<') {
      end++;
    }
    return base + body.substring(start + PUBLIC.length(), end);
  }

  HttpServer start() {
    return HttpServer.builder(ServerSettings.defaults().withPort(0))
        .subscriptions(
            new SubscriptionPages(SubscriptionActions.of(manager), settings.links(), () -> null))
        .clock(clock)
        .start();
  }

  @Test
  void confirmThenUnsubscribe_throughTheLinksInTheEmail() throws Exception {
    manager.reconcile(
        List.of(
            new TopicConfig(
                "security-alerts", null, List.of(Subscriber.of("email", "ops@example.com")))));
    assertThat(outbox.items()).hasSize(1);
    try (HttpServer server = start()) {
      String link = confirmLink(outbox.items().get(0), server.baseUri());
      HttpResponse<String> r = TestHttp.get(server.baseUri(), link);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      Subscription s = store.all().get(0);
      assertThat(s.status()).isEqualTo(SubscriptionStatus.CONFIRMED);
      assertThat(r.body()).contains("Subscription confirmed!").contains(s.arn());
      assertThat(TestHttp.get(server.baseUri(), link).statusCode()).isEqualTo(200);

      String unsubscribe =
          settings.links().unsubscribe(s.arn(), s.endpoint()).substring(PUBLIC.length());
      assertThat(r.body()).contains(PUBLIC + unsubscribe.replace("&", "&amp;"));
      HttpResponse<String> u = TestHttp.get(server.baseUri(), unsubscribe);
      assertThat(u.statusCode()).isEqualTo(200);
      assertThat(u.body()).contains("Subscription removed!");
      assertThat(store.all().get(0).status()).isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
    }
  }

  @Test
  void confirm_afterTokenValidityIsExpiredPage() throws Exception {
    manager.reconcile(
        List.of(
            new TopicConfig(
                "security-alerts", null, List.of(Subscriber.of("email", "late@example.com")))));
    try (HttpServer server = start()) {
      String link = confirmLink(outbox.items().get(0), server.baseUri());
      clock.now = clock.now.plus(settings.tokenValidity()).plus(Duration.ofMinutes(1));
      HttpResponse<String> r = TestHttp.get(server.baseUri(), link);
      assertThat(r.statusCode()).isEqualTo(410);
      assertThat(store.all().get(0).status()).isEqualTo(SubscriptionStatus.PENDING_CONFIRMATION);
      HttpResponse<String> pending =
          TestHttp.get(
              server.baseUri(),
              "/unsubscribe.html?SubscriptionArn="
                  + java.net.URLEncoder.encode(
                      store.all().get(0).arn(), java.nio.charset.StandardCharsets.UTF_8));
      assertThat(pending.statusCode()).isEqualTo(400);
    }
  }
}
