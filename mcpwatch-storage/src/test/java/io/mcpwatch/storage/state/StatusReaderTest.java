package io.mcpwatch.storage.state;

import static io.mcpwatch.storage.state.Fixtures.T0;
import static io.mcpwatch.storage.state.Fixtures.file;
import static io.mcpwatch.storage.state.Fixtures.item;
import static io.mcpwatch.storage.state.Fixtures.outboxItem;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.notify.Attempt;
import io.mcpwatch.notify.AttemptOutcome;
import io.mcpwatch.notify.OutboxHealth;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.notify.JdbcOutbox;
import io.mcpwatch.storage.notify.JdbcSubscriptionStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusReaderTest {

  @TempDir Path dir;

  private static EngineSnapshot.Bucket b(String time, double sum) {
    Instant t = Instant.parse("2024-05-01T" + time + "Z");
    return new EngineSnapshot.Bucket(t.toEpochMilli(), sum, 1, sum, sum);
  }

  private static EngineSnapshot.AlarmSnapshot alarm(String name, int period, AlarmState state) {
    return new EngineSnapshot.AlarmSnapshot(
        "prod",
        name,
        Fixtures.spec(name, period, 3, 5),
        state,
        "Threshold Crossed: " + name,
        "{\"n\":\"" + name + "\"}",
        T0.plusSeconds(30).toEpochMilli(),
        T0.plusSeconds(240).toEpochMilli(),
        11,
        List.of(item(name, T0, "created"), item(name, T0.plusSeconds(30), "to " + state)));
  }

  @Test
  void report_showsStatesRangesMinutesCheckpointsOutboxAndSubscriptions() {
    EngineSnapshot snap =
        new EngineSnapshot(
            T0.plusSeconds(300).toEpochMilli(),
            List.of(alarm("slow", 60, AlarmState.ALARM), alarm("fast", 10, AlarmState.OK)),
            List.of(
                new EngineSnapshot.SeriesSnapshot(
                    Fixtures.metric("prod", "teams"),
                    null,
                    List.of(
                        b("09:59:50", 9),
                        b("10:00:00", 1),
                        b("10:00:10", 2),
                        b("10:04:10", 3),
                        b("10:04:50", 4),
                        b("10:05:00", 5)))));
    Fixtures.ManualClock clock = new Fixtures.ManualClock(T0.plusSeconds(301));
    Path file = dir.resolve("state.db");
    try (Database db = Database.open(DatabaseConfig.sqlite(file))) {
      StateStore.create(db, clock)
          .commit(
              StateCommit.of(snap)
                  .withFiles("tail:teams", List.of(file("/var/log/teams.log", 77)))
                  .withCheckpoint("stdin", SourceCheckpoint.opaque("{\"n\":1}"))
                  .withOutbox(
                      List.of(
                          outboxItem("o1", T0, "slow"),
                          outboxItem("o2", T0.plusSeconds(5), "slow"),
                          outboxItem("o3", T0.plusSeconds(9), "fast"))));
      JdbcOutbox outbox = new JdbcOutbox(db);
      outbox.markDelivered("o1", new Attempt(1, T0.plusSeconds(1), AttemptOutcome.DELIVERED, ""));
      for (int i = 1; i <= 3; i++) {
        outbox.markAttempt(
            "o2",
            new Attempt(i, T0.plusSeconds(10 * i), AttemptOutcome.TEMPORARY_FAILURE, "SMTP 451"),
            T0.plusSeconds(100 * i));
      }
      JdbcSubscriptionStore subs = new JdbcSubscriptionStore(db);
      subs.put(
          new Subscription(
              "s1",
              "arn:aws:sns:us-east-1:1:sec",
              Protocol.EMAIL,
              "ops@example.com",
              SubscriptionStatus.CONFIRMED,
              null,
              T0,
              null,
              T0));
    }
    try (Database ro = Database.openReadOnly(DatabaseConfig.sqlite(file))) {
      StatusReport r = new StatusReader(ro).report(T0.plusSeconds(600), 2, 3);
      assertThat(r.commitNumber()).isEqualTo(1);
      assertThat(r.committedAt()).isEqualTo(T0.plusSeconds(301));
      assertThat(r.nextBoundary()).isEqualTo(T0.plusSeconds(300));

      AlarmView slow = r.alarms().get(0);
      assertThat(slow.alarmName()).isEqualTo("slow");
      assertThat(slow.state()).isEqualTo(AlarmState.ALARM);
      assertThat(slow.reason()).isEqualTo("Threshold Crossed: slow");
      assertThat(slow.reasonData()).isEqualTo("{\"n\":\"slow\"}");
      assertThat(slow.lastTransition()).isEqualTo(T0.plusSeconds(30));
      assertThat(slow.lastEvaluated()).isEqualTo(T0.plusSeconds(240));
      assertThat(slow.matchedEvents()).isEqualTo(11);
      // range N + 2 = 5 periods of 60 s before the next boundary 10:05
      assertThat(slow.rangeStart()).isEqualTo(T0);
      assertThat(slow.rangeEnd()).isEqualTo(T0.plusSeconds(300));
      assertThat(slow.minutes())
          .containsExactly(
              new MinuteAggregate(T0, 3, 2, 1, 2),
              new MinuteAggregate(T0.plusSeconds(240), 7, 2, 3, 4));

      AlarmView fast = r.alarms().get(1);
      // its row says 10:04:00 (an idle alarm keeps the last evaluation that ran), but every 10-s
      // boundary before the next one, 10:05:00, decided it
      assertThat(fast.lastEvaluated()).isEqualTo(T0.plusSeconds(290));
      assertThat(fast.rangeStart()).isEqualTo(Instant.parse("2024-05-01T10:04:10Z"));
      assertThat(fast.minutes())
          .containsExactly(new MinuteAggregate(T0.plusSeconds(240), 7, 2, 3, 4));

      assertThat(r.checkpoints())
          .containsExactly(
              new CheckpointView(
                  "stdin", SourceCheckpoint.opaque("{\"n\":1}"), T0.plusSeconds(301)),
              new CheckpointView(
                  "tail:teams",
                  SourceCheckpoint.files(List.of(file("/var/log/teams.log", 77))),
                  T0.plusSeconds(301)));
      assertThat(r.outbox())
          .isEqualTo(new OutboxHealth(2, 0, 1, T0.plusSeconds(5), Duration.ofSeconds(595)));
      assertThat(r.subscriptions())
          .extracting(Subscription::endpoint)
          .containsExactly("ops@example.com");
      assertThat(r.removed()).isEmpty();
      assertThat(new StatusReader(ro).history("prod", "fast", 1))
          .extracting(HistoryItem::summary)
          .containsExactly("to OK");
    }
  }

  @Test
  void report_beforeTheFirstCommitIsEmpty() {
    try (Database db = Fixtures.sqlite(dir)) {
      StatusReport r = new StatusReader(db).report(T0, 2, 3);
      assertThat(r.commitNumber()).isZero();
      assertThat(r.committedAt()).isNull();
      assertThat(r.alarms()).isEmpty();
      assertThat(r.checkpoints()).isEmpty();
      assertThat(r.outbox()).isEqualTo(new OutboxHealth(0, 0, 0, null, Duration.ZERO));
    }
  }
}
