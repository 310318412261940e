package io.mcpwatch.storage.state;

import static io.mcpwatch.storage.state.Fixtures.T0;
import static io.mcpwatch.storage.state.Fixtures.outboxItem;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.notify.Attempt;
import io.mcpwatch.notify.AttemptOutcome;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.notify.JdbcOutbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadQueriesTest {

  @TempDir Path dir;

  private static EngineSnapshot snapshot(List<EngineSnapshot.Bucket> buckets) {
    return new EngineSnapshot(
        T0.plusSeconds(300).toEpochMilli(),
        List.of(
            Fixtures.alarm("prod", "quiet", AlarmState.OK, List.of()),
            Fixtures.alarm("prod", "loud", AlarmState.ALARM, List.of())),
        List.of(
            new EngineSnapshot.SeriesSnapshot(Fixtures.metric("prod", "teams"), null, buckets)));
  }

  @Test
  void minutes_keepTheBucketsTheEngineEvictedSummedPerMinute() {
    Fixtures.ManualClock clock = new Fixtures.ManualClock(T0);
    Path file = dir.resolve("state.db");
    Instant dayAgo = T0.minus(Duration.ofDays(1));
    try (Database db = Database.open(DatabaseConfig.sqlite(file))) {
      StateStore store = StateStore.create(db, clock);
      store.commit(
          StateCommit.of(
                  snapshot(
                      List.of(
                          Fixtures.bucket(dayAgo, 4, 2),
                          Fixtures.bucket(dayAgo.plusSeconds(10), 6, 1),
                          Fixtures.bucket(T0, 1, 1))))
              .withOutbox(List.of(outboxItem("o1", T0, "loud"), outboxItem("o2", T0, "loud"))));
      clock.advance(Duration.ofMinutes(5));
      // the engine evicted yesterday's buckets; they stay as history
      store.commit(StateCommit.of(snapshot(List.of(Fixtures.bucket(T0.plusSeconds(60), 5, 1)))));
      new JdbcOutbox(db)
          .markAttempt(
              "o2", new Attempt(1, T0, AttemptOutcome.TEMPORARY_FAILURE, "SMTP 451"), T0);
    }
    try (Database ro = Database.openReadOnly(DatabaseConfig.sqlite(file))) {
      ReadQueries q = new ReadQueries(ro);
      assertThat(q.commitNumber()).isEqualTo(2);
      assertThat(q.minutes(Fixtures.metric("prod", "teams"), dayAgo, T0.plusSeconds(120)))
          .containsExactly(
              new MinuteAggregate(dayAgo, 10, 3, 2, 6),
              new MinuteAggregate(T0, 1, 1, 1, 1),
              new MinuteAggregate(T0.plusSeconds(60), 5, 1, 5, 5));
      assertThat(q.minutes(Fixtures.metric("prod", "other"), dayAgo, T0.plusSeconds(120)))
          .isEmpty();
      assertThat(q.alarms())
          .extracting(StoredAlarm::alarmName, StoredAlarm::state)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("quiet", AlarmState.OK),
              org.assertj.core.groups.Tuple.tuple("loud", AlarmState.ALARM));
      assertThat(q.deliveries("loud", 10))
          .extracting(StoredDelivery::status, StoredDelivery::attempts, StoredDelivery::lastError)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("PENDING", 1, "SMTP 451"),
              org.assertj.core.groups.Tuple.tuple("PENDING", 0, null));
      assertThat(q.deliveries("quiet", 10)).isEmpty();
    }
  }
}
