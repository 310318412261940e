package io.mcpwatch.storage.state;

import static io.mcpwatch.storage.state.Fixtures.T0;
import static io.mcpwatch.storage.state.Fixtures.count;
import static io.mcpwatch.storage.state.Fixtures.item;
import static io.mcpwatch.storage.state.Fixtures.outboxItem;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.notify.Attempt;
import io.mcpwatch.notify.AttemptOutcome;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.Durability;
import io.mcpwatch.storage.PruneResult;
import io.mcpwatch.storage.Retention;
import io.mcpwatch.storage.notify.JdbcOutbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

  private static final Instant OLD = T0.minus(Duration.ofDays(20));

  @TempDir Path dir;
  private final Fixtures.ManualClock clock = new Fixtures.ManualClock(T0);

  private Database open(Retention retention) {
    return Database.open(
        DatabaseConfig.sqlite(dir.resolve("s.db"))
            .withDurability(Durability.PROCESS_CRASH)
            .withRetention(retention));
  }

  private static EngineSnapshot snapshot(
      List<HistoryItem> history, List<EngineSnapshot.Bucket> buckets, boolean withB) {
    List<EngineSnapshot.AlarmSnapshot> alarms =
        withB
            ? List.of(
                Fixtures.alarm("prod", "a", AlarmState.OK, history),
                Fixtures.alarm("prod", "b", AlarmState.OK, List.of()))
            : List.of(Fixtures.alarm("prod", "a", AlarmState.OK, history));
    return new EngineSnapshot(
        T0.toEpochMilli(),
        alarms,
        List.of(
            new EngineSnapshot.SeriesSnapshot(Fixtures.metric("prod", "teams"), null, buckets)));
  }

  @Test
  void prune_deletesOldHistoryEvictedBucketsAndFinishedOutboxItemsOnly() {
    try (Database db = open(Retention.defaults())) {
      StateStore store = StateStore.create(db, clock);
      HistoryItem old = item("a", OLD, "old");
      HistoryItem recent = item("a", T0, "recent");
      EngineSnapshot.Bucket oldBucket = Fixtures.bucket(OLD, 1, 1);
      EngineSnapshot.Bucket liveBucket = Fixtures.bucket(T0.minusSeconds(60), 2, 1);
      clock.set(
          OLD); // the first commit prunes (nothing is old yet) and the next within the hour not
      store.commit(
          StateCommit.of(snapshot(List.of(old), List.of(oldBucket, liveBucket), true))
              .withOutbox(
                  List.of(
                      outboxItem("done", OLD, "a"),
                      outboxItem("waiting", OLD, "a"),
                      outboxItem("failed-recently", OLD, "a"))));
      JdbcOutbox outbox = new JdbcOutbox(db);
      outbox.markDelivered("done", new Attempt(1, OLD, AttemptOutcome.DELIVERED, ""));
      outbox.markFailed(
          "failed-recently",
          new Attempt(1, T0.minusSeconds(5), AttemptOutcome.PERMANENT_FAILURE, "550 no such user"));
      clock.advance(Duration.ofMinutes(2));
      // the engine evicted the old bucket, and "b" was removed from the configuration
      store.commit(StateCommit.of(snapshot(List.of(old, recent), List.of(liveBucket), false)));
      assertThat(count(db, "SELECT COUNT(*) FROM alarm_history")).isEqualTo(3);

      clock.set(T0);
      PruneResult pruned = store.prune();

      assertThat(pruned).isEqualTo(new PruneResult(2, 1, 1)); // "old" + "b deleted", 1, 1
      assertThat(count(db, "SELECT COUNT(*) FROM alarm_history")).isEqualTo(1);
      assertThat(count(db, "SELECT COUNT(*) FROM alarm_state")).isEqualTo(1);
      assertThat(count(db, "SELECT COUNT(*) FROM metric_bucket")).isEqualTo(1);
      assertThat(outbox.items())
          .extracting(i -> i.id())
          .containsExactly("waiting", "failed-recently");
      assertThat(outbox.attempts("done")).isEmpty();
      assertThat(outbox.attempts("failed-recently")).hasSize(1);
      EngineSnapshot loaded = store.load().orElseThrow().engine();
      assertThat(loaded.series().get(0).buckets()).containsExactly(liveBucket);
      assertThat(loaded.alarms().get(0).history()).containsExactly(recent);
    }
  }

  @Test
  void prune_neverDeletesLiveBucketsOlderThanTheRetention() {
    Retention oneDay = new Retention(Duration.ofDays(14), Duration.ofDays(1), Duration.ofDays(14));
    try (Database db = open(oneDay)) {
      StateStore store = StateStore.create(db, clock);
      // a 7-day evaluation range keeps buckets older than the 1-day aggregate retention live
      EngineSnapshot.Bucket weekOld = Fixtures.bucket(T0.minus(Duration.ofDays(6)), 4, 2);
      EngineSnapshot snap = snapshot(List.of(), List.of(weekOld), false);
      store.commit(StateCommit.of(snap));
      assertThat(store.prune().buckets()).isZero();
      assertThat(store.load().orElseThrow().engine()).isEqualTo(snap);
    }
  }

  @Test
  void commit_prunesAtMostHourly() {
    try (Database db = open(Retention.defaults())) {
      StateStore store = StateStore.create(db, clock);
      EngineSnapshot.Bucket oldBucket = Fixtures.bucket(OLD, 1, 1);
      EngineSnapshot.Bucket live = Fixtures.bucket(T0, 1, 1);
      store.commit(StateCommit.of(snapshot(List.of(), List.of(oldBucket, live), false)));
      store.commit(StateCommit.of(snapshot(List.of(), List.of(live), false)));
      clock.advance(Duration.ofMinutes(59));
      store.commit(StateCommit.of(snapshot(List.of(), List.of(live), false)));
      assertThat(count(db, "SELECT COUNT(*) FROM metric_bucket")).isEqualTo(2);
      clock.advance(Duration.ofMinutes(2));
      store.commit(StateCommit.of(snapshot(List.of(), List.of(live), false)));
      assertThat(count(db, "SELECT COUNT(*) FROM metric_bucket")).isEqualTo(1);
    }
  }
}
