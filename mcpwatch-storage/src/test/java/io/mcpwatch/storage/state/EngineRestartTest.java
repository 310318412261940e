package io.mcpwatch.storage.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.AlarmStatus;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.engine.Engine;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.pattern.MetricFilter;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.pattern.PatternOptions;
import io.mcpwatch.storage.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real engine through the store: restart and configuration reload keep alarm states. */
class EngineRestartTest {

  private static final String GROUP = "/mcp/teams";
  private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

  @TempDir Path dir;
  private final Fixtures.ManualClock clock = new Fixtures.ManualClock(START);

  private static ResolvedAlarm alarm(
      String name, String pattern, double threshold, int n, int periodSeconds) {
    AlarmSpec spec =
        new AlarmSpec(
            name,
            null,
            "MCP/teams",
            name + "Count",
            Map.of(),
            Statistic.Sum,
            periodSeconds,
            n,
            n > 1 ? 1 : null,
            ComparisonOperator.GreaterThanOrEqualToThreshold,
            threshold,
            TreatMissingData.notBreaching,
            true,
            List.of("arn:aws:sns:us-east-1:1:sec"),
            List.of(),
            List.of(),
            null);
    MetricTransformation t =
        new MetricTransformation(spec.metricName(), spec.namespace(), "1", null, Map.of(), null);
    return new ResolvedAlarm(
        "prod",
        "teams",
        name,
        GROUP,
        MetricFilter.compile(pattern, t, PatternOptions.defaults()),
        spec);
  }

  private static List<ResolvedAlarm> config() {
    return List.of(alarm("errors", "ERROR", 3, 1, 60), alarm("denied", "denied", 1, 2, 10));
  }

  /** Events at 7 s intervals: mostly ERROR, every fifth "denied". */
  private void feed(Engine e, int from, int to) {
    for (int i = from; i < to; i++) {
      clock.set(START.plusSeconds(7L * i));
      e.ingest(
          new LogEvent(
              GROUP,
              clock.instant().toEpochMilli(),
              i % 5 == 0 ? "access denied for bob" : (i % 3 == 0 ? "INFO ok" : "ERROR boom")));
    }
  }

  private static List<String> view(List<AlarmTransition> ts) {
    return ts.stream()
        .map(
            t ->
                t.alarm().alarm()
                    + " "
                    + t.time()
                    + " "
                    + t.oldState()
                    + "->"
                    + t.newState()
                    + " "
                    + t.reason())
        .collect(Collectors.toList());
  }

  @Test
  void restart_restoredEngineContinuesExactlyLikeOneThatNeverStopped() {
    List<AlarmTransition> reference = new ArrayList<>();
    List<AlarmTransition> restarted = new ArrayList<>();
    Engine never = Engine.create(config(), EngineOptions.defaults(), clock, reference::add);
    Engine first = Engine.create(config(), EngineOptions.defaults(), clock, restarted::add);
    for (int i = 0; i < 40; i += 4) { // interleave so both see the same clock per event
      feed(never, i, i + 4);
      feed(first, i, i + 4);
    }
    try (Database db = Fixtures.sqlite(dir)) {
      StateStore.create(db, clock)
          .commit(
              StateCommit.of(first.snapshot())
                  .withCheckpoint("tail", SourceCheckpoint.opaque("{\"line\":40}")));
    }
    Engine second;
    try (Database db = Fixtures.sqlite(dir)) {
      SavedState saved = StateStore.create(db, clock).load().orElseThrow();
      assertThat(saved.engine()).isEqualTo(first.snapshot());
      second =
          Engine.restore(config(), EngineOptions.defaults(), clock, restarted::add, saved.engine());
    }
    for (int i = 40; i < 120; i += 4) {
      feed(never, i, i + 4);
      feed(second, i, i + 4);
    }
    clock.set(START.plusSeconds(7L * 120 + 600));
    never.tick();
    second.tick();
    assertThat(restarted).anyMatch(t -> t.time().isAfter(START.plusSeconds(7L * 40)));
    assertThat(view(restarted)).isEqualTo(view(reference));
    assertThat(second.snapshot()).isEqualTo(never.snapshot());
  }

  @Test
  void reload_keepsStatesOfKeptAlarmsAndTheHistoryOfRemovedOnes() {
    Engine e = Engine.create(config(), EngineOptions.defaults(), clock, t -> {});
    feed(e, 0, 30);
    clock.set(START.plusSeconds(7L * 30 + 60));
    e.tick();
    assertThat(e.statuses()).extracting(AlarmStatus::state).contains(AlarmState.ALARM);
    AlarmStatus errorsBefore = e.statuses().get(0);
    try (Database db = Fixtures.sqlite(dir)) {
      StateStore.create(db, clock).commit(StateCommit.of(e.snapshot()));
    }
    // new configuration: "errors" gets a new threshold, "denied" is removed, "slow" is new
    List<ResolvedAlarm> reloaded =
        List.of(alarm("errors", "ERROR", 4, 1, 60), alarm("slow", "timeout", 1, 1, 60));
    clock.set(START.plusSeconds(7L * 30 + 90));
    try (Database db = Fixtures.sqlite(dir)) {
      StateStore store = StateStore.create(db, clock);
      Engine r =
          Engine.restore(
              reloaded,
              EngineOptions.defaults(),
              clock,
              t -> {},
              store.load().orElseThrow().engine());
      AlarmStatus errors = r.statuses().get(0);
      assertThat(errors.state()).isEqualTo(errorsBefore.state());
      assertThat(errors.reason()).isEqualTo(errorsBefore.reason());
      assertThat(errors.lastTransition()).isEqualTo(errorsBefore.lastTransition());
      assertThat(r.history(reloaded.get(0)))
          .last()
          .extracting(HistoryItem::summary)
          .isEqualTo("Alarm \"errors\" updated");
      assertThat(r.statuses().get(1).state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
      store.commit(StateCommit.of(r.snapshot()));

      assertThat(store.load().orElseThrow().engine()).isEqualTo(r.snapshot());
      StatusReport status = new StatusReader(db).report(clock.instant(), 2, 3);
      assertThat(status.alarms())
          .extracting(AlarmView::alarmName)
          .containsExactly("errors", "slow");
      assertThat(status.alarms().get(0).state()).isEqualTo(errorsBefore.state());
      assertThat(status.removed()).extracting(RemovedAlarm::alarmName).containsExactly("denied");
      List<HistoryItem> denied = new StatusReader(db).history("prod", "denied", 100);
      assertThat(denied.get(0).summary()).isEqualTo("Alarm \"denied\" deleted");
      assertThat(denied)
          .extracting(HistoryItem::summary)
          .contains("Alarm \"denied\" created", "Alarm updated from INSUFFICIENT_DATA to ALARM");
    }
  }
}
