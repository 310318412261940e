package io.mcpwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.mcpwatch.alarm.AlarmState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationDispatcherTest {
  private final NotifySettings settings = Fixtures.settings();
  private final ManualClock clock = new ManualClock(Fixtures.T0);
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final InMemorySubscriptionStore store = new InMemorySubscriptionStore();
  private final List<ActionHistoryItem> history = new ArrayList<>();
  private final String prod = settings.topicArn("aiconnectors-alarms-prod");

  /** Returns scripted outcomes in order (null = success), then succeeds. */
  private static final class ScriptedNotifier implements Notifier {
    final Deque<Exception> script = new ArrayDeque<>();
    final List<OutboxItem> sent = new ArrayList<>();
    int successes;

    ScriptedNotifier then(Exception e) {
      script.add(e);
      return this;
    }

    @Override
    public void send(OutboxItem item) throws DeliveryException {
      sent.add(item);
      Exception e = script.poll();
      if (e instanceof DeliveryException) {
        throw (DeliveryException) e;
      }
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      successes++;
    }
  }

  private OutboxItem enqueue(String protocol, String endpoint) {
    Subscription s = SubscriptionReconcilerTest.sub(String.valueOf(store.all().size()), prod,
        protocol, endpoint, SubscriptionStatus.CONFIRMED);
    store.put(s);
    Plan p = new NotificationPlanner(settings, Fixtures.signer()).plan(
        Fixtures.authNotice("prod-teams-auth", Fixtures.lines()),
        List.of(new TopicConfig("aiconnectors-alarms-prod", null, List.of())), List.of(s),
        clock.instant());
    outbox.enqueue(p.items());
    return p.items().get(0);
  }

  private NotificationDispatcher dispatcher(Notifier n, Protocol... protocols) {
    return NotificationDispatcher.builder(outbox, clock).notifier(n, protocols)
        .subscriptions(store).history(history::add).build();
  }

  @Test
  void runDue_alarmNotificationsGoBeforeOkOnesQueuedEarlier() {
    Subscription s = SubscriptionReconcilerTest.sub("0", prod, "email", "a@example.com",
        SubscriptionStatus.CONFIRMED);
    store.put(s);
    NotificationPlanner planner = new NotificationPlanner(settings, Fixtures.signer());
    List<TopicConfig> topics =
        List.of(new TopicConfig("aiconnectors-alarms-prod", null, List.of()));
    AlarmNotice alarm = Fixtures.authNotice("teams-prod-auth", Fixtures.lines());
    for (String name : List.of("outlook-prod-errors", "teams-prod-errors")) {
      AlarmNotice ok = new AlarmNotice(Fixtures.authAlarm(name), AlarmState.INSUFFICIENT_DATA,
          AlarmState.OK, "Threshold Crossed: no datapoints were received for 1 period.",
          alarm.stateChangeTime(), alarm.configurationUpdatedTime(), alarm.actions(), List.of(),
          0, null, null);
      outbox.enqueue(planner.plan(ok, topics, List.of(s), clock.instant()).items());
    }
    outbox.enqueue(planner.plan(alarm, topics, List.of(s), clock.instant()).items());
    ScriptedNotifier n = new ScriptedNotifier();

    dispatcher(n, Protocol.EMAIL).runDue();

    assertThat(n.sent).extracting(OutboxItem::subject).containsExactly(
        "ALARM: \"teams-prod-auth\" in EU (Ireland)",
        "OK: \"outlook-prod-errors\" in EU (Ireland)",
        "OK: \"teams-prod-errors\" in EU (Ireland)");
  }

  @Test
  void runDue_success_deliversOnceAndRecordsSuccessAction() {
    OutboxItem item = enqueue("email", "ops@example.com");
    ScriptedNotifier n = new ScriptedNotifier();
    NotificationDispatcher d = dispatcher(n, Protocol.EMAIL);

    DispatchReport first = d.runDue();
    DispatchReport second = d.runDue();

    assertThat(first).isEqualTo(new DispatchReport(1, 0, 0));
    assertThat(second.attempted()).isZero();
    assertThat(n.sent).containsExactly(item);
    assertThat(outbox.item(item.id()).orElseThrow().status()).isEqualTo(OutboxStatus.DELIVERED);
    assertThat(outbox.attempts(item.id())).singleElement()
        .isEqualTo(new Attempt(1, Fixtures.T0, AttemptOutcome.DELIVERED, ""));
    assertThat(history).singleElement().satisfies(h -> {
      assertThat(h.succeeded()).isTrue();
      assertThat(h.summary()).isEqualTo("Successfully executed action " + prod);
      assertThat(h.historyData()).isEqualTo("{\"actionState\":\"Succeeded\",\"notificationResource\":\""
          + prod + "\",\"subscriptionArn\":\"" + item.subscriptionArn() + "\"}");
    });
  }

  @Test
  void runDue_temporaryFailures_followHttpPolicyThenGiveUpAfterFourAttempts() {
    OutboxItem item = enqueue("https", "https://h.example.com/sns");
    ScriptedNotifier n = new ScriptedNotifier();
    for (int i = 0; i < 4; i++) {
      n.then(new TemporaryDeliveryException("HTTP 503 from h.example.com"));
    }
    NotificationDispatcher d = dispatcher(n, Protocol.HTTPS);

    assertThat(d.runDue()).isEqualTo(new DispatchReport(0, 1, 0));
    for (int retry = 1; retry <= 3; retry++) {
      clock.advance(Duration.ofSeconds(19));
      assertThat(d.runDue().attempted()).isZero();
      clock.advance(Duration.ofSeconds(1));
      assertThat(d.runDue().attempted()).isOne();
    }

    assertThat(n.sent).hasSize(4).extracting(OutboxItem::id).containsOnly(item.id());
    assertThat(outbox.attempts(item.id())).extracting(Attempt::outcome)
        .containsOnly(AttemptOutcome.TEMPORARY_FAILURE);
    assertThat(outbox.attempts(item.id())).extracting(Attempt::at).containsExactly(Fixtures.T0,
        Fixtures.T0.plusSeconds(20), Fixtures.T0.plusSeconds(40), Fixtures.T0.plusSeconds(60));
    assertThat(outbox.item(item.id()).orElseThrow().status()).isEqualTo(OutboxStatus.FAILED);
    assertThat(history).singleElement().satisfies(h -> assertThat(h.summary()).isEqualTo(
        "Failed to execute action " + prod + ". Reason: gave up after 4 attempts; last error:"
            + " HTTP 503 from h.example.com"));
    clock.advance(Duration.ofDays(1));
    assertThat(d.runDue().attempted()).isZero();
  }

  @Test
  void runDue_failuresThenSuccess_deliversExactlyOnce() {
    OutboxItem item = enqueue("email", "ops@example.com");
    ScriptedNotifier n = new ScriptedNotifier()
        .then(new TemporaryDeliveryException("connection refused"))
        .then(new TemporaryDeliveryException("SMTP 451"));
    NotificationDispatcher d = dispatcher(n, Protocol.EMAIL);

    for (int i = 0; i < 200; i++) {
      d.runDue();
      clock.advance(Duration.ofSeconds(5));
    }

    assertThat(n.successes).isOne();
    assertThat(n.sent).hasSize(3);
    assertThat(outbox.attempts(item.id())).extracting(Attempt::at)
        .containsExactly(Fixtures.T0, Fixtures.T0.plusSeconds(10), Fixtures.T0.plusSeconds(20));
    assertThat(history).extracting(ActionHistoryItem::succeeded).containsExactly(true);
  }

  @Test
  void runDue_permanentFailure_failsAtOnce() {
    OutboxItem item = enqueue("email", "nobody@example.com");
    ScriptedNotifier n = new ScriptedNotifier()
        .then(new PermanentDeliveryException("SMTP 550 5.1.1 no such user"));

    DispatchReport r = dispatcher(n, Protocol.EMAIL).runDue();

    assertThat(r).isEqualTo(new DispatchReport(0, 0, 1));
    assertThat(outbox.attempts(item.id())).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(AttemptOutcome.PERMANENT_FAILURE);
      assertThat(a.detail()).isEqualTo("SMTP 550 5.1.1 no such user");
    });
    assertThat(history).singleElement().satisfies(h -> assertThat(h.summary())
        .endsWith(". Reason: SMTP 550 5.1.1 no such user"));
  }

  @Test
  void runDue_unexpectedException_isTemporaryAndItsMessageIsNotRecorded() {
    OutboxItem item = enqueue("slack", "https://hooks.slack.com/services/T/B/s3cr3t");
    ScriptedNotifier n = new ScriptedNotifier()
        .then(new IllegalArgumentException("bad https://hooks.slack.com/services/T/B/s3cr3t"));

    dispatcher(n, Protocol.SLACK).runDue();

    Attempt a = outbox.attempts(item.id()).get(0);
    assertThat(a.outcome()).isEqualTo(AttemptOutcome.TEMPORARY_FAILURE);
    assertThat(a.detail()).doesNotContain("s3cr3t").contains("IllegalArgumentException");
    assertThat(outbox.item(item.id()).orElseThrow().nextAttemptAt())
        .isEqualTo(Fixtures.T0.plusSeconds(20));
  }

  @Test
  void runDue_subscriptionGoneBeforeDelivery_skipsWithoutSending() {
    OutboxItem item = enqueue("email", "ops@example.com");
    store.put(store.byArn(item.subscriptionArn()).orElseThrow().unsubscribed());
    ScriptedNotifier n = new ScriptedNotifier();

    dispatcher(n, Protocol.EMAIL).runDue();

    assertThat(n.sent).isEmpty();
    assertThat(outbox.attempts(item.id())).singleElement()
        .extracting(Attempt::outcome).isEqualTo(AttemptOutcome.SKIPPED);
    assertThat(history).singleElement().satisfies(h -> assertThat(h.succeeded()).isFalse());
  }

  @Test
  void runDue_noNotifierForProtocol_retriesAsTemporary() {
    OutboxItem item = enqueue("teams", "https://x.webhook.office.com/y");

    dispatcher(new ScriptedNotifier(), Protocol.EMAIL).runDue();

    assertThat(outbox.attempts(item.id())).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(AttemptOutcome.TEMPORARY_FAILURE);
      assertThat(a.detail()).isEqualTo("no transport is configured for protocol teams");
    });
  }

  @Test
  void runDue_noDelayRetries_happenInTheSameRun() {
    OutboxItem item = enqueue("https", "https://h.example.com/sns");
    ScriptedNotifier n = new ScriptedNotifier()
        .then(new TemporaryDeliveryException("a")).then(new TemporaryDeliveryException("b"));
    NotificationDispatcher d = NotificationDispatcher.builder(outbox, clock)
        .notifier(n, Protocol.HTTPS)
        .retryPolicy(Protocol.HTTPS, new RetryPolicy(3, 2, 0, 0, Duration.ofSeconds(5),
            Duration.ofSeconds(5), BackoffFunction.LINEAR))
        .build();

    d.runDue();

    assertThat(n.sent).hasSize(3);
    assertThat(outbox.item(item.id()).orElseThrow().status()).isEqualTo(OutboxStatus.DELIVERED);
  }

  @Test
  void runDue_crashBetweenSendAndMark_resendsSameMessage() {
    OutboxItem item = enqueue("email", "ops@example.com");
    ScriptedNotifier n = new ScriptedNotifier();
    Outbox flaky = new Outbox() {
      boolean failOnce = true;

      @Override
      public void enqueue(List<OutboxItem> items) {
        outbox.enqueue(items);
      }

      @Override
      public List<OutboxItem> due(Instant now, int limit) {
        return outbox.due(now, limit);
      }

      @Override
      public void markAttempt(String id, Attempt attempt, Instant next) {
        outbox.markAttempt(id, attempt, next);
      }

      @Override
      public void markDelivered(String id, Attempt attempt) {
        if (failOnce) {
          failOnce = false;
          throw new IllegalStateException("database went away");
        }
        outbox.markDelivered(id, attempt);
      }

      @Override
      public void markFailed(String id, Attempt attempt) {
        outbox.markFailed(id, attempt);
      }

      @Override
      public OutboxHealth health(Instant now, int stuck) {
        return outbox.health(now, stuck);
      }
    };
    NotificationDispatcher d = NotificationDispatcher.builder(flaky, clock)
        .notifier(n, Protocol.EMAIL).build();

    assertThatIllegalStateException().isThrownBy(d::runDue);
    d.runDue();

    assertThat(n.sent).hasSize(2).extracting(OutboxItem::messageId)
        .containsOnly(item.messageId());
    assertThat(outbox.item(item.id()).orElseThrow().status()).isEqualTo(OutboxStatus.DELIVERED);
  }

  @Test
  void health_reportsStuckItemsAndOldestPendingAge() {
    OutboxItem item = enqueue("https", "https://h.example.com/sns");
    ScriptedNotifier n = new ScriptedNotifier();
    for (int i = 0; i < 3; i++) {
      n.then(new TemporaryDeliveryException("HTTP 500 from h.example.com"));
    }
    NotificationDispatcher d = NotificationDispatcher.builder(outbox, clock)
        .notifier(n, Protocol.HTTPS).stuckAfterAttempts(3).build();
    for (int i = 0; i < 3; i++) {
      d.runDue();
      clock.advance(Duration.ofSeconds(20));
    }

    OutboxHealth h = d.health();

    assertThat(h.pending()).isOne();
    assertThat(h.stuck()).isOne();
    assertThat(h.failed()).isZero();
    assertThat(h.oldestPendingCreatedAt()).isEqualTo(item.createdAt());
    assertThat(h.oldestPendingAge()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void laneOf_isTheRelayForEmailAndTheSchemeAndAuthorityOtherwise() {
    assertThat(NotificationDispatcher.laneOf(enqueue("email", "ops@example.com")))
        .isEqualTo("email");
    assertThat(NotificationDispatcher.laneOf(enqueue("https", "https://u:p@H.example.com:8443/sns?x=1")))
        .isEqualTo("https://h.example.com:8443");
    assertThat(NotificationDispatcher.laneOf(enqueue("http", "http://127.0.0.1:9000")))
        .isEqualTo("http://127.0.0.1:9000");
  }

  @Test
  void runDue_withLanes_deliversEachLaneOnTheExecutorOnce() {
    enqueue("email", "ops@example.com");
    enqueue("https", "https://h.example.com/sns");
    ScriptedNotifier n = new ScriptedNotifier();
    List<Runnable> tasks = new ArrayList<>();
    NotificationDispatcher d = NotificationDispatcher.builder(outbox, clock)
        .notifier(n, Protocol.EMAIL, Protocol.HTTPS).subscriptions(store).history(history::add)
        .lanes(tasks::add).build();

    assertThat(d.runDue().retrying()).isEqualTo(2);
    assertThat(tasks).hasSize(2); // one per lane
    assertThat(d.runDue().retrying()).isZero(); // both lanes busy: nothing is fetched twice
    tasks.forEach(Runnable::run);
    assertThat(n.sent).hasSize(2);
    assertThat(d.runDue().retrying()).isZero(); // all delivered
    assertThat(n.successes).isEqualTo(2);
  }
}
