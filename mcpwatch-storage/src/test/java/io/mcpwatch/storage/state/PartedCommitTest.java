package io.mcpwatch.storage.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.Engine;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a full commit of many new alarms in parts ({@link StateStore#commit(StateCommit,
 * int)}): each transaction writes a part of the untouched new alarms and series; the following
 * changes commits write the rest, and any of them that changed meanwhile at once. A process killed
 * after any of these commits restarts from a database that holds every acknowledged effect, lacks
 * only alarms and series nothing had touched, and creates those anew; the restarted service
 * finishes the start-up in parts and stores exactly its engine.
 */
class PartedCommitTest {

  private static final Instant START = Instant.parse("2024-05-01T10:00:20Z");

  @TempDir Path dir;
  private final Fixtures.ManualClock clock = new Fixtures.ManualClock(START);

  private static Database open(Path file) {
    return Database.open(DatabaseConfig.sqlite(file).withDurability(Durability.PROCESS_CRASH));
  }

  @Test
  void commit_inParts_writesAPartPerCommitUntilEveryAlarmIsStored() {
    List<ResolvedAlarm> config = ChangesCommitTest.config();
    Engine engine = Engine.create(config, EngineOptions.defaults(), clock, t -> {});
    Path file = dir.resolve("state.db");
    int commits = 1;
    try (Database db = open(file)) {
      StateStore store = StateStore.create(db, clock);
      store.commit(StateCommit.of(engine.snapshot()), 7);
      engine.changes();
      assertThat(stored(file).alarms()).hasSize(7);
      assertThat(stored(file).series()).hasSize(7);
      assertThat(store.hasUnwritten()).isTrue();
      while (store.hasUnwritten()) {
        store.commitChanges(engine.changes(), Map.of(), List.of());
        commits++;
        assertThat(stored(file).alarms()).hasSize(Math.min(60, 7 * commits));
        assertThat(commits).isLessThanOrEqualTo(20);
      }
      assertThat(stored(file)).isEqualTo(engine.snapshot());
    }
    assertThat(commits).as("60 alarms (and series), 7 per commit").isEqualTo(9);
  }

  /** What another process reading the database sees. */
  private EngineSnapshot stored(Path file) {
    try (Database db = Database.openReadOnly(DatabaseConfig.sqlite(file))) {
      return StateStore.create(db, clock).load().orElseThrow().engine();
    }
  }

  @Test
  void commit_inParts_refusesAnEmptyPart() {
    Engine engine = Engine.create(ChangesCommitTest.config(), EngineOptions.defaults(), clock,
        t -> {});
    try (Database db = open(dir.resolve("state.db"))) {
      StateStore store = StateStore.create(db, clock);
      assertThatThrownBy(() -> store.commit(StateCommit.of(engine.snapshot()), 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("partSize: expected at least 1; found 0");
    }
  }

  @Test
  void killAfterAnyPart_restartsWithEveryAcknowledgedEffectAndCreatesOnlyUntouchedAlarms() {
    List<ResolvedAlarm> config = ChangesCommitTest.config();
    int touchedBeforeWritten = 0;
    for (int example = 0; example < 40; example++) {
      SplittableRandom rnd = new SplittableRandom(1400 + example);
      Path file = dir.resolve("state-" + example + ".db");
      int part = 1 + rnd.nextInt(12);
      int commitsBeforeKill = rnd.nextInt(8);
      Engine engine = Engine.create(config, EngineOptions.defaults(), clock, t -> {});
      String checkpoint = "{\"n\":-1}";
      // the first commit may hold events and evaluations (the loop's first round, or a full
      // commit after a failed one): touched alarms are written with it, whatever the part
      for (int i = rnd.nextInt(3); i > 0; i--) {
        step(rnd, engine);
      }
      try (Database db = open(file)) {
        StateStore store = StateStore.create(db, clock);
        store.commit(new StateCommit(engine.snapshot(),
            Map.of("tail", SourceCheckpoint.opaque(checkpoint)), List.of()), part);
        engine.changes();
        for (int i = 0; i < commitsBeforeKill; i++) {
          step(rnd, engine);
          checkpoint = "{\"n\":" + i + "}";
          store.commitChanges(engine.changes(),
              Map.of("tail", SourceCheckpoint.opaque(checkpoint)), List.of());
        }
      } // killed: nothing more reaches the database

      EngineSnapshot running = engine.snapshot();
      SavedState saved;
      try (Database db = open(file)) {
        saved = StateStore.create(db, clock).load().orElseThrow();
      }
      String at = "example " + example + " (part " + part + ", " + commitsBeforeKill
          + " commits)";
      assertThat(saved.checkpoints()).as(at).containsEntry("tail",
          SourceCheckpoint.opaque(checkpoint));
      assertThat(saved.engine().nextBoundaryMillis()).as(at)
          .isEqualTo(running.nextBoundaryMillis());
      Map<String, EngineSnapshot.AlarmSnapshot> stored = new HashMap<>();
      saved.engine().alarms().forEach(a -> stored.put(a.alarmName(), a));
      for (EngineSnapshot.AlarmSnapshot a : running.alarms()) {
        EngineSnapshot.AlarmSnapshot s = stored.get(a.alarmName());
        if (s != null) {
          assertThat(s).as(at).isEqualTo(a); // every acknowledged effect
        } else {
          assertThat(a.state()).as(at + ": " + a.alarmName() + " missing but touched")
              .isEqualTo(AlarmState.INSUFFICIENT_DATA);
          assertThat(a.lastEvaluatedMillis()).as(at).isEqualTo(Long.MIN_VALUE);
          assertThat(a.matchedEvents()).as(at).isZero();
          assertThat(a.history()).as(at).hasSize(1);
        }
      }
      touchedBeforeWritten += (int) running.alarms().stream()
          .filter(a -> a.lastEvaluatedMillis() != Long.MIN_VALUE || a.matchedEvents() > 0)
          .count();
      Map<String, EngineSnapshot.SeriesSnapshot> storedSeries = new HashMap<>();
      saved.engine().series().forEach(s -> storedSeries.put(s.key() + "/" + s.unit(), s));
      for (EngineSnapshot.SeriesSnapshot s : running.series()) {
        EngineSnapshot.SeriesSnapshot st = storedSeries.get(s.key() + "/" + s.unit());
        if (st != null) {
          assertThat(st).as(at).isEqualTo(s);
        } else {
          assertThat(s.buckets()).as(at + ": a series with buckets is missing").isEmpty();
        }
      }

      // the restart: stored alarms as they were, the others created anew; its start-up commit
      // in parts ends with exactly its engine stored
      clock.advance(Duration.ofSeconds(rnd.nextInt(90)));
      Engine restarted = Engine.restore(config, EngineOptions.defaults(), clock, t -> {},
          saved.engine());
      for (EngineSnapshot.AlarmSnapshot a : restarted.snapshot().alarms()) {
        EngineSnapshot.AlarmSnapshot s = stored.get(a.alarmName());
        if (s != null) {
          assertThat(a).as(at).isEqualTo(s);
        } else {
          assertThat(a.state()).as(at).isEqualTo(AlarmState.INSUFFICIENT_DATA);
          assertThat(a.history()).as(at).hasSize(1);
        }
      }
      try (Database db = open(file)) {
        StateStore store = StateStore.create(db, clock);
        store.load();
        store.commit(StateCommit.of(restarted.snapshot()), part);
        restarted.changes();
        for (int i = 0; store.hasUnwritten(); i++) {
          assertThat(i).as(at).isLessThan(100);
          step(rnd, restarted);
          store.commitChanges(restarted.changes(), Map.of(), List.of());
        }
        assertThat(store.load().orElseThrow().engine()).as(at).isEqualTo(restarted.snapshot());
      }
    }
    assertThat(touchedBeforeWritten).as("alarms touched across all examples").isPositive();
  }

  /** A few events of a few apps, then the clock moves on by 1 to 40 s (boundaries pass). */
  private void step(SplittableRandom rnd, Engine engine) {
    int events = rnd.nextInt(4);
    for (int k = 0; k < events; k++) {
      engine.ingest(new LogEvent("/mcp/app" + rnd.nextInt(6), clock.millis(),
          "x W" + rnd.nextInt(20) + " y"));
    }
    engine.tick();
    clock.advance(Duration.ofSeconds(1 + rnd.nextInt(40)));
  }
}
