package io.mcpwatch.storage.state;

import static io.mcpwatch.storage.state.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.PostgresCluster;
import io.mcpwatch.storage.StorageException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The state store on a real PostgreSQL server (see {@link PostgresCluster}). */
@Tag("slow")
class PostgresStateTest {

  @Test
  void commitAndLoad_randomWalksRoundTrip() {
    PostgresCluster pg = PostgresCluster.shared();
    for (long seed = 1; seed <= 4; seed++) {
      DatabaseConfig cfg = pg.newDatabase();
      StateStoreWalkTest.walk(seed * 7919, () -> Database.open(cfg));
    }
  }

  @Test
  void ingestTokens_roundTripOnPostgres() {
    DatabaseConfig cfg = PostgresCluster.shared().newDatabase();
    IngestTokensTest.roundTrip(() -> Database.open(cfg));
  }

  @Test
  void commit_failureMidCommitLeavesThePreviousState() {
    DatabaseConfig cfg = PostgresCluster.shared().newDatabase();
    Fixtures.ManualClock clock = new Fixtures.ManualClock(T0);
    CrashModel model = new CrashModel();
    try (Database db = Database.open(cfg)) {
      StateStore store = StateStore.create(db, clock);
      store.commit(model.commit(1));
      Fixtures.execute(
          db,
          "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN"
              + " RAISE EXCEPTION 'injected checkpoint failure'; END $$ LANGUAGE plpgsql");
      Fixtures.execute(
          db,
          "CREATE TRIGGER boom BEFORE UPDATE ON source_checkpoint"
              + " FOR EACH ROW EXECUTE FUNCTION boom()");
      assertThatThrownBy(() -> store.commit(model.commit(2)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("injected checkpoint failure");
      SavedState saved = store.load().orElseThrow();
      assertThat(saved.commitNumber()).isEqualTo(1);
      assertThat(saved.engine()).isEqualTo(model.snapshot(1));
      assertThat(saved.checkpoints()).isEqualTo(CrashModel.checkpoints(1));
      Fixtures.execute(db, "DROP TRIGGER boom ON source_checkpoint");
      assertThat(store.commit(model.commit(2))).isEqualTo(2);
      assertThat(store.load().orElseThrow().engine()).isEqualTo(model.snapshot(2));
    }
  }

  @Test
  void status_readsFromAReadOnlyConnectionWhileTheWriterIsOpen() {
    DatabaseConfig cfg = PostgresCluster.shared().newDatabase();
    Fixtures.ManualClock clock = new Fixtures.ManualClock(T0);
    try (Database db = Database.open(cfg);
        Database ro = Database.openReadOnly(cfg)) {
      EngineSnapshot snap =
          new EngineSnapshot(
              T0.plusSeconds(300).toEpochMilli(),
              List.of(Fixtures.alarm("prod", "a", AlarmState.ALARM, List.of())),
              List.of(
                  new EngineSnapshot.SeriesSnapshot(
                      Fixtures.metric("prod", "teams"),
                      null,
                      List.of(Fixtures.bucket(T0.plusSeconds(60), 4, 2)))));
      StateStore.create(db, clock)
          .commit(
              StateCommit.of(snap).withFiles("tail", List.of(Fixtures.file("/var/log/a.log", 10))));
      StatusReport r = new StatusReader(ro).report(T0, 2, 3);
      assertThat(ro.writerActive()).as("the writer holds the advisory lock").isTrue();
      assertThat(r.commitNumber()).isEqualTo(1);
      assertThat(r.alarms())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.state()).isEqualTo(AlarmState.ALARM);
                assertThat(a.minutes()).extracting(m -> m.sum()).containsExactly(4.0);
              });
      assertThat(r.checkpoints()).extracting(CheckpointView::sourceKey).containsExactly("tail");
      assertThat(StateStore.create(ro, clock).load().orElseThrow().engine()).isEqualTo(snap);
    }
    try (Database ro = Database.openReadOnly(cfg)) {
      assertThat(ro.writerActive()).as("the writer stopped").isFalse();
    }
  }
}
