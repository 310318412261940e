package io.mcpwatch.storage.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.AlarmTransition;
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
 * Issue 14: the live service's engine keeps only the newest committed history item of each alarm
 * in memory ({@code EngineOptions.historyInMemory}, {@code Engine.committed()}); the history lives
 * in the database, where every reader reads it. Two engines see the same events, actions,
 * SetAlarmState calls, configuration changes and restarts: one keeps its whole history, one only a
 * tail of one item; each commits as the live service does (its changes; after a failed commit the
 * whole snapshot, also by a store that re-reads the database). After every few steps the stored
 * history of every alarm, the restored snapshots and the configuration times are identical, the
 * stored history equals the unbounded engine's, and the bounded engine holds one item per alarm.
 */
class BoundedHistoryStoreTest {

  private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
  private static final int ALARMS = 30;

  @TempDir Path dir;
  private final Fixtures.ManualClock clock = new Fixtures.ManualClock(START);

  private static ResolvedAlarm alarm(int i, int version) {
    String app = "app" + (i % 5);
    int n = 1 + i % 2;
    AlarmSpec spec =
        new AlarmSpec(
            app + "-a" + i,
            null,
            "MCP/" + app,
            "M" + i,
            Map.of(),
            Statistic.Sum,
            60,
            n,
            null,
            ComparisonOperator.GreaterThanOrEqualToThreshold,
            // a configuration change moves the threshold of every third alarm
            1 + (i % 3 == 0 ? version % 2 : 0),
            TreatMissingData.notBreaching,
            true,
            List.of("arn:aws:sns:us-east-1:1:sec"),
            List.of("arn:aws:sns:us-east-1:1:sec"),
            List.of(),
            null);
    MetricTransformation t =
        new MetricTransformation(spec.metricName(), spec.namespace(), "1", null, Map.of(), null);
    return new ResolvedAlarm(
        "prod", app, "a" + i, "/mcp/" + app,
        MetricFilter.compile("W" + (i % 10), t, PatternOptions.defaults()), spec);
  }

  private static List<ResolvedAlarm> config(int version) {
    List<ResolvedAlarm> all = new ArrayList<>();
    for (int i = 0; i < ALARMS; i++) {
      all.add(alarm(i, version));
    }
    return all;
  }

  private static Database open(Path file) {
    return Database.open(DatabaseConfig.sqlite(file).withDurability(Durability.PROCESS_CRASH));
  }

  /** One engine with its database and store, committing as the live service's engine loop. */
  private final class Side {
    final EngineOptions options;
    final Path file;
    final List<AlarmTransition> transitions = new ArrayList<>();
    Database db;
    StateStore store;
    Engine engine;
    boolean fullCommit = true;

    Side(String name, EngineOptions options, List<ResolvedAlarm> alarms) {
      this.options = options;
      this.file = dir.resolve(name + ".db");
      this.db = open(file);
      this.store = StateStore.create(db, clock);
      this.engine = Engine.create(alarms, options, clock, transitions::add);
    }

    /** A commit; {@code fail}: the changes are taken but not stored (a failed transaction). */
    void commit(boolean fail, boolean forgetStore) {
      EngineChanges changes = engine.changes();
      if (fail) {
        fullCommit = true;
        return;
      }
      if (forgetStore) {
        store = StateStore.create(db, clock); // knows nothing: the full commit re-reads the database
      }
      if (!fullCommit && store.knowsCommittedState()) {
        store.commitChanges(changes, Map.of(), List.of());
      } else {
        store.commit(StateCommit.of(engine.snapshot()));
      }
      fullCommit = false;
      engine.committed();
    }

    void restart(List<ResolvedAlarm> alarms) {
      db.close();
      db = open(file);
      store = StateStore.create(db, clock);
      EngineSnapshot saved = store.load().orElseThrow().engine();
      engine = Engine.restore(alarms, options, clock, transitions::add, saved);
      fullCommit = false;
    }

    void reconfigure(List<ResolvedAlarm> alarms) {
      engine = engine.reconfigure(alarms);
      fullCommit = true;
    }

    List<HistoryItem> stored(ResolvedAlarm a) {
      return new StatusReader(db).history("prod", a.spec().alarmName(), 100_000);
    }
  }

  @Test
  void boundedHistory_everyReadEqualsTheUnboundedEngines() {
    List<ResolvedAlarm> alarms = config(0);
    Side full = new Side("full", EngineOptions.defaults(), alarms);
    Side bounded = new Side("bounded", EngineOptions.defaults().withHistoryInMemory(1), alarms);
    List<Side> both = List.of(full, bounded);
    SplittableRandom rnd = new SplittableRandom(1414);
    int version = 0;
    int failures = 0;
    try {
      for (int step = 0; step < 500; step++) {
        int events = rnd.nextInt(6);
        for (int k = 0; k < events; k++) {
          LogEvent e = new LogEvent("/mcp/app" + rnd.nextInt(5), clock.millis(),
              "x W" + rnd.nextInt(10) + " y");
          both.forEach(s -> s.engine.ingest(e));
        }
        both.forEach(s -> s.engine.tick());
        // the dispatcher's outcomes of the transitions' actions come back as Action items
        for (int i = 0; i < full.transitions.size(); i++) {
          AlarmTransition t = full.transitions.get(i);
          String failure = rnd.nextInt(4) == 0 ? "refused" : null;
          for (String action : t.actions()) {
            both.forEach(s -> s.engine.recordAction(t.alarm(), clock.instant(), action, failure));
          }
        }
        assertThat(bounded.transitions).hasSameSizeAs(full.transitions);
        full.transitions.clear();
        bounded.transitions.clear();
        if (rnd.nextInt(25) == 0) {
          String name = alarms.get(rnd.nextInt(ALARMS)).spec().alarmName();
          AlarmState to = AlarmState.values()[rnd.nextInt(3)];
          both.forEach(s -> s.engine.setAlarmState(name, to, "set by a test", null,
              clock.instant()));
          full.transitions.clear();
          bounded.transitions.clear();
        }
        if (step % 131 == 130) {
          version++;
          alarms = config(version);
          List<ResolvedAlarm> next = alarms;
          both.forEach(s -> s.reconfigure(next));
        }
        if (step % 97 == 96) {
          both.forEach(s -> s.commit(false, false)); // a clean stop stores everything
          List<ResolvedAlarm> now = alarms;
          both.forEach(s -> s.restart(now));
        }
        boolean fail = rnd.nextInt(10) == 0;
        boolean forget = rnd.nextInt(3) == 0;
        failures += fail ? 1 : 0;
        full.commit(false, false);
        bounded.commit(fail, forget);
        if (step % 10 == 9 && !fail) {
          assertSame(full, bounded, alarms);
        }
        clock.advance(Duration.ofSeconds(5 + rnd.nextInt(40)));
      }
      bounded.commit(false, false);
      assertSame(full, bounded, alarms);
      int stored = 0;
      for (ResolvedAlarm a : alarms) {
        stored += full.stored(a).size();
      }
      assertThat(stored).as("stored items").isGreaterThan(10 * ALARMS);
      assertThat(failures).as("failed commits").isPositive();

      // a restart of both: the same snapshots (tails apart), the same configuration times
      both.forEach(s -> s.restart(s.engine.statuses().stream().map(st -> st.alarm()).toList()));
      for (int i = 0; i < ALARMS; i++) {
        EngineSnapshot.AlarmSnapshot f = full.engine.snapshot().alarms().get(i);
        EngineSnapshot.AlarmSnapshot b = bounded.engine.snapshot().alarms().get(i);
        assertThat(b.configuredMillis()).isEqualTo(f.configuredMillis());
        assertThat(withoutHistory(b)).isEqualTo(withoutHistory(f));
      }
    } finally {
      both.forEach(s -> s.db.close());
    }
  }

  private void assertSame(Side full, Side bounded, List<ResolvedAlarm> alarms) {
    for (ResolvedAlarm a : alarms) {
      List<HistoryItem> expected = new ArrayList<>(full.engine.history(a));
      java.util.Collections.reverse(expected);
      List<HistoryItem> stored = bounded.stored(a);
      assertThat(stored).as(a.spec().alarmName()).isEqualTo(full.stored(a));
      assertThat(stored).as(a.spec().alarmName()).isEqualTo(expected);
      assertThat(bounded.engine.history(a)).as(a.spec().alarmName()).hasSizeLessThanOrEqualTo(1);
      assertThat(bounded.engine.configuredAt(a)).isEqualTo(full.engine.configuredAt(a));
    }
    assertThat(bounded.engine.statuses().stream().map(s -> List.of(s.state(), s.reason(),
        s.lastTransition(), s.matchedEvents())).toList())
        .isEqualTo(full.engine.statuses().stream().map(s -> List.of(s.state(), s.reason(),
            s.lastTransition(), s.matchedEvents())).toList());
  }

  private static EngineSnapshot.AlarmSnapshot withoutHistory(EngineSnapshot.AlarmSnapshot a) {
    return new EngineSnapshot.AlarmSnapshot(a.env(), a.alarmName(), a.spec(), a.state(),
        a.reason(), a.reasonData(), a.transitionedMillis(), a.lastEvaluatedMillis(),
        a.matchedEvents(), a.configuredMillis(), List.of());
  }
}
