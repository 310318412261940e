package io.mcpwatch.storage.state;

import static io.mcpwatch.storage.state.Fixtures.T0;
import static io.mcpwatch.storage.state.Fixtures.alarm;
import static io.mcpwatch.storage.state.Fixtures.bucket;
import static io.mcpwatch.storage.state.Fixtures.count;
import static io.mcpwatch.storage.state.Fixtures.execute;
import static io.mcpwatch.storage.state.Fixtures.file;
import static io.mcpwatch.storage.state.Fixtures.item;
import static io.mcpwatch.storage.state.Fixtures.metric;
import static io.mcpwatch.storage.state.Fixtures.outboxItem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.StorageException;
import io.mcpwatch.storage.notify.JdbcOutbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

  @TempDir Path dir;
  private final Fixtures.ManualClock clock = new Fixtures.ManualClock(T0);

  private static EngineSnapshot snapshot(
      long nextBoundary,
      List<HistoryItem> historyA,
      AlarmState stateB,
      List<EngineSnapshot.Bucket> buckets) {
    return new EngineSnapshot(
        nextBoundary,
        List.of(
            alarm("prod", "a", AlarmState.OK, historyA),
            alarm("prod", "b", stateB, List.of(item("b", T0, "created")))),
        List.of(
            new EngineSnapshot.SeriesSnapshot(metric("prod", "teams"), null, buckets),
            new EngineSnapshot.SeriesSnapshot(metric("prod", "teams"), "Count", List.of())));
  }

  @Test
  void load_isEmptyOnAFreshDatabase() {
    try (Database db = Fixtures.sqlite(dir)) {
      assertThat(StateStore.create(db, clock).load()).isEmpty();
    }
  }

  @Test
  void commit_thenLoadReturnsTheSnapshotCheckpointsAndOutbox() {
    EngineSnapshot snap =
        snapshot(
            T0.plusSeconds(120).toEpochMilli(),
            List.of(item("a", T0, "created"), item("a", T0.plusSeconds(60), "to OK")),
            AlarmState.ALARM,
            List.of(
                bucket(T0, 3, 2),
                new EngineSnapshot.Bucket(
                    T0.plusSeconds(60).toEpochMilli(), -0.0, 1, -0.0, Double.POSITIVE_INFINITY)));
    StateCommit commit =
        StateCommit.of(snap)
            .withFiles("tail:teams", List.of(file("/var/log/teams.log", 1234)))
            .withCheckpoint("stdin", SourceCheckpoint.opaque("{\"n\":3}"))
            .withOutbox(List.of(outboxItem("o1", T0, "a")));
    try (Database db = Fixtures.sqlite(dir)) {
      clock.advance(java.time.Duration.ofSeconds(90));
      assertThat(StateStore.create(db, clock).commit(commit)).isEqualTo(1);
    }
    try (Database db = Fixtures.sqlite(dir)) {
      SavedState saved = StateStore.create(db, clock).load().orElseThrow();
      assertThat(saved.commitNumber()).isEqualTo(1);
      assertThat(saved.committedAt()).isEqualTo(T0.plusSeconds(90));
      assertThat(saved.engine()).isEqualTo(snap);
      assertThat(saved.checkpoints()).isEqualTo(commit.checkpoints());
      assertThat(saved.files("tail:teams")).contains(List.of(file("/var/log/teams.log", 1234)));
      assertThat(saved.files("tail:other")).isEmpty();
      assertThat(new JdbcOutbox(db).items()).extracting(OutboxItem::id).containsExactly("o1");
    }
  }

  @Test
  void commit_failingCheckpointWriteRollsBackTheAggregatesAndStates() {
    try (Database db = Fixtures.sqlite(dir)) {
      StateStore store = StateStore.create(db, clock);
      EngineSnapshot first =
          snapshot(1, List.of(item("a", T0, "created")), AlarmState.OK, List.of(bucket(T0, 1, 1)));
      store.commit(StateCommit.of(first).withFiles("tail", List.of(file("/l", 10))));
      execute(
          db,
          "CREATE TRIGGER boom BEFORE UPDATE ON source_checkpoint"
              + " BEGIN SELECT RAISE(ABORT, 'injected checkpoint failure'); END");
      EngineSnapshot second =
          snapshot(
              2,
              List.of(item("a", T0, "created"), item("a", T0.plusSeconds(1), "x")),
              AlarmState.ALARM,
              List.of(bucket(T0, 5, 3), bucket(T0.plusSeconds(60), 2, 1)));
      StateCommit failing =
          StateCommit.of(second)
              .withFiles("tail", List.of(file("/l", 99)))
              .withOutbox(List.of(outboxItem("o1", T0, "b")));
      assertThatThrownBy(() -> store.commit(failing))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("injected checkpoint failure");
      SavedState after = StateStore.create(db, clock).load().orElseThrow();
      assertThat(after.commitNumber()).isEqualTo(1);
      assertThat(after.engine()).isEqualTo(first);
      assertThat(after.files("tail")).contains(List.of(file("/l", 10)));
      assertThat(count(db, "SELECT COUNT(*) FROM outbox_item")).isZero();
      assertThat(count(db, "SELECT COUNT(*) FROM alarm_history")).isEqualTo(2);

      execute(db, "DROP TRIGGER boom");
      assertThat(store.commit(failing)).isEqualTo(2);
      SavedState retried = store.load().orElseThrow();
      assertThat(retried.engine()).isEqualTo(second);
      assertThat(retried.files("tail")).contains(List.of(file("/l", 99)));
      assertThat(count(db, "SELECT COUNT(*) FROM alarm_history")).isEqualTo(3);
    }
  }

  @Test
  void commit_failingOutboxWriteRollsBackEverything() {
    try (Database db = Fixtures.sqlite(dir)) {
      StateStore store = StateStore.create(db, clock);
      EngineSnapshot first = snapshot(1, List.of(), AlarmState.OK, List.of(bucket(T0, 1, 1)));
      store.commit(StateCommit.of(first));
      execute(
          db,
          "CREATE TRIGGER boom BEFORE INSERT ON outbox_item"
              + " BEGIN SELECT RAISE(ABORT, 'injected outbox failure'); END");
      EngineSnapshot second =
          snapshot(2, List.of(item("a", T0, "new")), AlarmState.ALARM, List.of(bucket(T0, 4, 2)));
      assertThatThrownBy(
              () ->
                  store.commit(
                      StateCommit.of(second)
                          .withFiles("tail", List.of(file("/l", 5)))
                          .withOutbox(List.of(outboxItem("o1", T0, "b")))))
          .hasMessageContaining("injected outbox failure");
      SavedState after = store.load().orElseThrow();
      assertThat(after.engine()).isEqualTo(first);
      assertThat(after.checkpoints()).isEmpty();
    }
  }

  @Test
  void commit_unchangedSnapshotWritesOnlyTheHeader() {
    try (Database db = Fixtures.sqlite(dir)) {
      StateStore store = StateStore.create(db, clock);
      EngineSnapshot snap =
          snapshot(7, List.of(item("a", T0, "c")), AlarmState.OK, List.of(bucket(T0, 1, 1)));
      store.commit(StateCommit.of(snap).withFiles("t", List.of(file("/l", 1))));
      execute(
          db,
          "CREATE TRIGGER no_rows BEFORE INSERT ON alarm_history"
              + " BEGIN SELECT RAISE(ABORT, 'unexpected write'); END");
      execute(
          db,
          "CREATE TRIGGER no_buckets BEFORE INSERT ON metric_bucket"
              + " BEGIN SELECT RAISE(ABORT, 'unexpected write'); END");
      execute(
          db,
          "CREATE TRIGGER no_alarms BEFORE UPDATE ON alarm_state"
              + " BEGIN SELECT RAISE(ABORT, 'unexpected write'); END");
      assertThat(store.commit(StateCommit.of(snap).withFiles("t", List.of(file("/l", 1)))))
          .isEqualTo(2);
      assertThat(store.load().orElseThrow().engine()).isEqualTo(snap);
    }
  }

  @Test
  void commit_afterRestartWithoutLoadDiffsAgainstTheDatabase() {
    EngineSnapshot first =
        snapshot(
            1,
            List.of(item("a", T0, "c")),
            AlarmState.OK,
            List.of(bucket(T0, 1, 1), bucket(T0.plusSeconds(60), 2, 2)));
    try (Database db = Fixtures.sqlite(dir)) {
      StateStore.create(db, clock).commit(StateCommit.of(first));
    }
    // a fresh engine: equal history item objects that are new instances, one bucket evicted
    EngineSnapshot second =
        snapshot(
            2,
            List.of(item("a", T0, "c"), item("a", T0.plusSeconds(5), "d")),
            AlarmState.OK,
            List.of(bucket(T0.plusSeconds(60), 3, 3)));
    try (Database db = Fixtures.sqlite(dir)) {
      StateStore store = StateStore.create(db, clock);
      assertThat(store.commit(StateCommit.of(second))).isEqualTo(2);
      assertThat(store.load().orElseThrow().engine()).isEqualTo(second);
      assertThat(count(db, "SELECT COUNT(*) FROM alarm_history WHERE alarm_name = 'a'"))
          .isEqualTo(2);
      // the evicted bucket stays as history
      assertThat(count(db, "SELECT COUNT(*) FROM metric_bucket")).isEqualTo(2);
    }
  }

  @Test
  void commit_removedAlarmKeepsItsHistoryAndIsMarkedDeleted() {
    try (Database db = Fixtures.sqlite(dir)) {
      StateStore store = StateStore.create(db, clock);
      EngineSnapshot both = snapshot(1, List.of(item("a", T0, "c")), AlarmState.ALARM, List.of());
      store.commit(StateCommit.of(both));
      clock.advance(java.time.Duration.ofMinutes(5));
      EngineSnapshot onlyA = new EngineSnapshot(2, List.of(both.alarms().get(0)), both.series());
      store.commit(StateCommit.of(onlyA));
      assertThat(store.load().orElseThrow().engine()).isEqualTo(onlyA);
      StatusReader status = new StatusReader(db);
      List<HistoryItem> history = status.history("prod", "b", 10);
      assertThat(history)
          .extracting(HistoryItem::summary)
          .containsExactly("Alarm \"b\" deleted", "created");
      assertThat(history.get(0).type()).isEqualTo(HistoryItem.Type.ConfigurationUpdate);
      assertThat(history.get(0).timestamp()).isEqualTo(T0.plusSeconds(300));
      assertThat(status.report(T0, 2, 3).removed())
          .containsExactly(new RemovedAlarm("prod", "b", AlarmState.ALARM, T0.plusSeconds(300)));
    }
  }

  @Test
  void commit_insideAnotherTransactionIsRefused() {
    try (Database db = Fixtures.sqlite(dir)) {
      StateStore store = StateStore.create(db, clock);
      EngineSnapshot snap = snapshot(1, List.of(), AlarmState.OK, List.of());
      assertThatThrownBy(() -> db.transaction(c -> store.commit(StateCommit.of(snap))))
          .isInstanceOf(IllegalStateException.class);
      assertThat(store.load()).isEmpty();
    }
  }

  @Test
  void stateCommit_rejectsDuplicateAlarmsAndBlankKeys() {
    EngineSnapshot.AlarmSnapshot a = alarm("prod", "a", AlarmState.OK, List.of());
    assertThatThrownBy(() -> StateCommit.of(new EngineSnapshot(0, List.of(a, a), List.of())))
        .hasMessageContaining("appears twice");
    assertThatThrownBy(
            () ->
                StateCommit.of(new EngineSnapshot(0, List.of(), List.of()))
                    .withCheckpoint(" ", SourceCheckpoint.opaque("x")))
        .hasMessageContaining("blank");
  }

  @Test
  void load_onReadOnlyDatabaseSeesCommitsOfTheRunningWriter() {
    try (Database db = Fixtures.sqlite(dir);
        Database ro = Database.openReadOnly(DatabaseConfig.sqlite(dir.resolve("state.db")))) {
      StateStore reader = StateStore.create(ro, clock);
      assertThat(reader.load()).isEmpty();
      StateStore.create(db, clock)
          .commit(StateCommit.of(snapshot(1, List.of(), AlarmState.OK, List.of())));
      assertThat(reader.load().map(SavedState::commitNumber)).isEqualTo(Optional.of(1L));
      assertThat(Files.exists(dir.resolve("state.db-wal"))).isTrue();
    }
  }
}
