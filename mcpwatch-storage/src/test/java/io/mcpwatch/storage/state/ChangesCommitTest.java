package io.mcpwatch.storage.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.engine.AlarmStatus;
import io.mcpwatch.engine.Engine;
import io.mcpwatch.engine.EngineChanges;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.pattern.MetricFilter;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.pattern.PatternOptions;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a commit of the engine's {@link Engine#changes()} alone writes exactly what a commit of
 * the full snapshot writes. One real engine is committed after every step to two databases, one
 * with full snapshots, one with changes; after hundreds of commits with few changes each (and
 * minute boundaries that move most alarms' last evaluation), both restore the same engine, with
 * the same state and history for every alarm, and a restart from the changes database continues
 * exactly like an engine that never stopped.
 */
class ChangesCommitTest {

  private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
  private static final int ALARMS = 60;

  @TempDir Path dir;
  private final Fixtures.ManualClock clock = new Fixtures.ManualClock(START);

  static ResolvedAlarm alarm(int i) {
    String app = "app" + (i % 6);
    int period = i % 7 == 0 ? 10 : (i % 5 == 0 ? 300 : 60);
    int n = 1 + i % 3;
    AlarmSpec spec =
        new AlarmSpec(
            app + "-a" + i,
            null,
            "MCP/" + app,
            "M" + i,
            Map.of(),
            Statistic.Sum,
            period,
            n,
            n > 1 ? n - 1 : null,
            ComparisonOperator.GreaterThanOrEqualToThreshold,
            1 + i % 4,
            i % 2 == 0 ? TreatMissingData.notBreaching : TreatMissingData.missing,
            true,
            List.of("arn:aws:sns:us-east-1:1:sec"),
            List.of(),
            List.of(),
            null);
    MetricTransformation t =
        new MetricTransformation(spec.metricName(), spec.namespace(), "1", null, Map.of(), null);
    return new ResolvedAlarm(
        "prod", app, "a" + i, "/mcp/" + app,
        MetricFilter.compile("W" + (i % 20), t, PatternOptions.defaults()), spec);
  }

  static List<ResolvedAlarm> config() {
    List<ResolvedAlarm> all = new ArrayList<>();
    for (int i = 0; i < ALARMS; i++) {
      all.add(alarm(i));
    }
    return all;
  }

  private static Database open(Path file) {
    return Database.open(DatabaseConfig.sqlite(file).withDurability(Durability.PROCESS_CRASH));
  }

  /** A few events of a few apps, then the clock moves on by 1 to 40 s (boundaries pass). */
  private void step(SplittableRandom rnd, List<Engine> engines) {
    int events = rnd.nextInt(4);
    for (int k = 0; k < events; k++) {
      LogEvent e = new LogEvent("/mcp/app" + rnd.nextInt(6), clock.millis(),
          "x W" + rnd.nextInt(20) + " y");
      engines.forEach(en -> en.ingest(e));
    }
    engines.forEach(Engine::tick);
    clock.advance(Duration.ofSeconds(1 + rnd.nextInt(40)));
  }

  @Test
  void commitChanges_manyCommitsWithFewChangesRestoreExactlyLikeFullSnapshots() {
    List<AlarmTransition> transitions = new ArrayList<>();
    Engine engine = Engine.create(config(), EngineOptions.defaults(), clock, transitions::add);
    Engine never = Engine.create(config(), EngineOptions.defaults(), clock, t -> {});
    SplittableRandom rnd = new SplittableRandom(14);
    int changeCommits = 0;
    try (Database full = open(dir.resolve("full.db"));
        Database changes = open(dir.resolve("changes.db"))) {
      StateStore fullStore = StateStore.create(full, clock);
      StateStore changesStore = StateStore.create(changes, clock);
      fullStore.commit(StateCommit.of(engine.snapshot()));
      engine.changes(); // the first commit of the changes store is a full one, too
      changesStore.commit(StateCommit.of(engine.snapshot()));
      int mostMoved = 0;
      for (int i = 0; i < 400; i++) {
        step(rnd, List.of(engine, never));
        EngineChanges c = engine.changes();
        mostMoved = Math.max(mostMoved, c.alarms().size());
        assertThat(c.alarms().size()).isLessThanOrEqualTo(ALARMS);
        fullStore.commit(StateCommit.of(engine.snapshot()));
        assertThat(changesStore.knowsCommittedState()).isTrue();
        changesStore.commitChanges(c, Map.of("tail", SourceCheckpoint.opaque("{\"n\":" + i + "}")),
            List.of());
        changeCommits++;
      }
      // idle alarms sleep (their last evaluation stays), so no later boundary moves them all
      assertThat(mostMoved).as("the most alarms one commit wrote").isGreaterThan(ALARMS / 2);
      assertThat(transitions).hasSizeGreaterThan(ALARMS); // more than the first evaluations
    }
    assertThat(changeCommits).isEqualTo(400);

    EngineSnapshot expected = engine.snapshot();
    SavedState fromChanges;
    SavedState fromFull;
    try (Database full = open(dir.resolve("full.db"));
        Database changes = open(dir.resolve("changes.db"))) {
      fromFull = StateStore.create(full, clock).load().orElseThrow();
      fromChanges = StateStore.create(changes, clock).load().orElseThrow();
      assertThat(fromChanges.engine()).isEqualTo(expected);
      assertThat(fromChanges.engine()).isEqualTo(fromFull.engine());
      assertThat(fromChanges.commitNumber()).isEqualTo(fromFull.commitNumber());
      assertThat(fromChanges.checkpoints())
          .containsEntry("tail", SourceCheckpoint.opaque("{\"n\":399}"));
      StatusReader fullReader = new StatusReader(full);
      StatusReader changesReader = new StatusReader(changes);
      assertThat(changesReader.report(clock.instant(), 2, 3).alarms())
          .isEqualTo(fullReader.report(clock.instant(), 2, 3).alarms());
      for (ResolvedAlarm a : config()) {
        assertThat(changesReader.history("prod", a.spec().alarmName(), 10_000))
            .as(a.spec().alarmName())
            .isEqualTo(fullReader.history("prod", a.spec().alarmName(), 10_000));
      }
    }

    // a restart from the changes database continues exactly like the engine that never stopped
    Engine restored = Engine.restore(config(), EngineOptions.defaults(), clock, t -> {},
        fromChanges.engine());
    for (int i = 0; i < 100; i++) {
      step(rnd, List.of(restored, never));
    }
    // the same decisions, and each alarm decided at the same boundaries; only the last
    // evaluation that ran differs for an idle alarm: the restarted engine evaluated it once more
    // before it fell asleep again
    assertThat(restored.statuses()).extracting(ChangesCommitTest::status)
        .containsExactlyElementsOf(never.statuses().stream().map(ChangesCommitTest::status)
            .toList());
    assertThat(decisions(restored.snapshot())).isEqualTo(decisions(never.snapshot()));
  }

  private static String status(AlarmStatus s) {
    return s.alarm().spec().alarmName() + " " + s.state() + " " + s.reason() + " "
        + s.reasonDataJson() + " " + s.lastTransition() + " " + s.lastEvaluated() + " "
        + s.matchedEvents();
  }

  /** The snapshot without each alarm's last evaluation that ran. */
  private static EngineSnapshot decisions(EngineSnapshot s) {
    return new EngineSnapshot(s.nextBoundaryMillis(), s.alarms().stream()
        .map(a -> new EngineSnapshot.AlarmSnapshot(a.env(), a.alarmName(), a.spec(), a.state(),
            a.reason(), a.reasonData(), a.transitionedMillis(), 0L, a.matchedEvents(),
            a.configuredMillis(), a.history()))
        .toList(), s.series());
  }

  @Test
  void commitChanges_withoutAKnownCommittedStateAsksForAFullCommit() {
    Engine engine = Engine.create(config(), EngineOptions.defaults(), clock, t -> {});
    try (Database db = open(dir.resolve("state.db"))) {
      StateStore store = StateStore.create(db, clock);
      assertThat(store.knowsCommittedState()).isFalse();
      assertThatThrownBy(() -> store.commitChanges(engine.changes(), Map.of(), List.of()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("commit a snapshot");
      store.commit(StateCommit.of(engine.snapshot()));
      assertThat(store.knowsCommittedState()).isTrue();
      // changes of another engine (other alarms) do not fit: nothing is written
      Engine other = Engine.create(config().subList(0, 10), EngineOptions.defaults(), clock,
          t -> {});
      assertThatThrownBy(() -> store.commitChanges(other.changes(), Map.of(), List.of()))
          .isInstanceOf(IllegalStateException.class);
      assertThat(store.knowsCommittedState()).isFalse();
      clock.advance(Duration.ofMinutes(3));
      engine.tick();
      store.commit(StateCommit.of(engine.snapshot())); // the full commit re-reads the database
      assertThat(store.load().orElseThrow().engine()).isEqualTo(engine.snapshot());
    }
  }
}
