package io.mcpwatch.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mcpwatch.notify.ActionHistoryItem;
import io.mcpwatch.notify.Attempt;
import io.mcpwatch.notify.AttemptOutcome;
import io.mcpwatch.notify.InMemoryOutbox;
import io.mcpwatch.notify.InMemorySubscriptionStore;
import io.mcpwatch.notify.NotificationDispatcher;
import io.mcpwatch.notify.NotificationPlanner;
import io.mcpwatch.notify.NotifySettings;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.OutboxStatus;
import io.mcpwatch.notify.Plan;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.RetryPolicy;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.notify.TopicConfig;
import io.mcpwatch.notify.testing.ManualClock;
import io.mcpwatch.notify.testing.TestAlarms;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SMTP server is down when alarms fire: the dispatcher retries per SNS's e-mail policy on a
 * manual clock, the server comes back, and every notification arrives exactly once.
 */
class SmtpOutageTest {

  @Test
  void runDue_smtpDownThenUp_retriesPerPolicyAndDeliversEachExactlyOnce() throws Exception {
    int port = freePort();
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    ManualClock clock = new ManualClock(TestAlarms.T0);
    NotifySettings settings = NotifySettings.of("eu-west-1", "http://127.0.0.1:8787");
    InMemorySubscriptionStore store = new InMemorySubscriptionStore();
    InMemoryOutbox outbox = new InMemoryOutbox();
    List<ActionHistoryItem> history = new ArrayList<>();
    String topicArn = settings.topicArn(TestAlarms.TOPIC);
    for (String who : List.of("a@example.com", "b@example.com", "c@example.com")) {
      store.put(new Subscription("id-" + who, topicArn, Protocol.EMAIL, who,
          SubscriptionStatus.CONFIRMED, null, clock.instant(), null, clock.instant()));
    }
    SmtpNotifier smtp = new SmtpNotifier(SmtpSettings.of("127.0.0.1", port,
        SmtpSettings.Security.NONE, "mcpwatch@example.org").withTimeouts(Duration.ofSeconds(2),
        Duration.ofSeconds(5), Duration.ofSeconds(5)), clock);
    NotificationDispatcher dispatcher = NotificationDispatcher.builder(outbox, clock)
        .notifier(smtp, Protocol.EMAIL).subscriptions(store).history(history::add).build();
    NotificationPlanner planner = new NotificationPlanner(settings, data -> new byte[0]);
    List<TopicConfig> topics = List.of(new TopicConfig(TestAlarms.TOPIC, null, List.of()));

    // Two state changes while the server is down: 2 x 3 deliveries.
    List<OutboxItem> items = new ArrayList<>();
    for (String alarm : List.of("prod-teams-auth", "prod-teams-5xx")) {
      Plan p = planner.plan(TestAlarms.notice(alarm, clock.instant(), TestAlarms.lines()), topics,
          store.all(), clock.instant());
      outbox.enqueue(p.items());
      items.addAll(p.items());
    }
    RetryPolicy policy = RetryPolicy.EMAIL_DEFAULT;
    Instant start = clock.instant();
    assertThat(dispatcher.runDue().retrying()).isEqualTo(6);
    // Down for the first attempt and four retries: +10 s, +10 s, then two backoff steps.
    Duration elapsed = Duration.ZERO;
    for (int retry = 1; retry <= 4; retry++) {
      elapsed = elapsed.plus(policy.delayBeforeRetry(retry));
      clock.advance(policy.delayBeforeRetry(retry).minusMillis(1));
      assertThat(dispatcher.runDue().attempted()).isZero();
      clock.advance(Duration.ofMillis(1));
      assertThat(dispatcher.runDue().retrying()).isEqualTo(6);
    }

    GreenMail server = new GreenMail(setup);
    server.start();
    try {
      clock.advance(policy.delayBeforeRetry(5));
      assertThat(dispatcher.runDue().delivered()).isEqualTo(6);
      for (int i = 0; i < 60; i++) {
        clock.advance(Duration.ofMinutes(10));
        assertThat(dispatcher.runDue().attempted()).isZero();
      }
      assertThat(server.waitForIncomingEmail(5000, 6)).isTrue();
      MimeMessage[] received = server.getReceivedMessages();

      assertThat(received).hasSize(6);
      assertThat(Arrays.stream(received).map(m -> header(m, "Message-ID")))
          .doesNotHaveDuplicates();
      assertThat(Arrays.stream(received).map(m -> header(m, "To")))
          .containsExactlyInAnyOrder("a@example.com", "a@example.com", "b@example.com",
              "b@example.com", "c@example.com", "c@example.com");
    } finally {
      server.stop();
    }
    for (OutboxItem item : items) {
      List<Attempt> attempts = outbox.attempts(item.id());
      assertThat(attempts).extracting(Attempt::outcome).containsExactly(
          AttemptOutcome.TEMPORARY_FAILURE, AttemptOutcome.TEMPORARY_FAILURE,
          AttemptOutcome.TEMPORARY_FAILURE, AttemptOutcome.TEMPORARY_FAILURE,
          AttemptOutcome.TEMPORARY_FAILURE, AttemptOutcome.DELIVERED);
      assertThat(attempts.get(0).detail()).isEqualTo("cannot connect to SMTP server 127.0.0.1:"
          + port);
      assertThat(attempts.get(4).at()).isEqualTo(start.plus(elapsed));
      assertThat(outbox.item(item.id()).orElseThrow().status()).isEqualTo(OutboxStatus.DELIVERED);
    }
    assertThat(history).hasSize(6).allSatisfy(h -> assertThat(h.succeeded()).isTrue());
    assertThat(dispatcher.health().pending()).isZero();
  }

  private static String header(MimeMessage m, String name) {
    try {
      return m.getHeader(name)[0];
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
