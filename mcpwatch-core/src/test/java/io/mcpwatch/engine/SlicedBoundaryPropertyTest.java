package io.mcpwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.alarm.Specs;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.ResolvedAlarm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A boundary run in slices ({@link Engine#tick(int)}) with events ingested between the slices
 * (late ones too, into series of alarms not yet evaluated) has exactly the outcome of running each
 * boundary at once: the same transitions (times, early flags, reasons; only their order within a
 * boundary may differ), statuses, histories, minute aggregates and counters (all but the number of
 * evaluations run). A snapshot taken half
 * way through a boundary resumes it: every alarm is evaluated once at it.
 */
class SlicedBoundaryPropertyTest {

  private static final long START = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();

  private record Outcome(List<AlarmTransition> transitions, List<AlarmStatus> statuses,
      List<List<HistoryItem>> histories, List<Object> minutes, EngineStats stats) {}

  @Test
  void tick_inSlicesWithEventsBetweenThem_equalsEachBoundaryAtOnce() {
    AtomicLong sliced = new AtomicLong();
    AtomicLong transitions = new AtomicLong();
    qt().withExamples(500).forAll(longs().all()).checkAssert(seed -> {
      long[] counts = sameOutcome(seed);
      sliced.addAndGet(counts[0]);
      transitions.addAndGet(counts[1]);
    });
    assertThat(transitions.get()).as("transitions across all examples").isGreaterThan(500);
    assertThat(sliced.get()).as("boundaries left in progress across all examples")
        .isGreaterThan(100);
  }

  @Test
  void tick_inSlices_whereTheQuiescentSkipStartsAtAnotherBoundary_sameOutcome() {
    // the sliced run completes a boundary later, finds the next ones quiescent and skips one that
    // the whole run evaluates: one evaluation fewer, the same transitions, states and aggregates
    assertThat(sameOutcome(428454632294314L)[1]).isPositive();
  }

  /** Runs one scenario whole and in slices, asserts the same outcome; {slices stopped, transitions}. */
  private static long[] sameOutcome(long seed) {
    EarlyFiringPropertyTest.Scenario s = EarlyFiringPropertyTest.scenario(seed, true, 2, 8);
    Outcome whole = run(s, null);
    Random r = new Random(seed ^ 0x5DEECE66DL);
    long[] stops = {0};
    Outcome slices = run(s, r, stops);
    assertThat(slices.stats()).as(s + ": counters").isEqualTo(whole.stats());
    assertThat(slices.minutes()).as(s + ": minutes").isEqualTo(whole.minutes());
    assertThat(slices.transitions().stream().map(SlicedBoundaryPropertyTest::line).toList())
        .as(s + ": transitions")
        .containsExactlyElementsOf(whole.transitions().stream()
            .map(SlicedBoundaryPropertyTest::line).toList());
    assertThat(slices).as(s.toString()).isEqualTo(whole);
    return new long[] {stops[0], whole.transitions().size()};
  }

  private static String line(AlarmTransition t) {
    return t.alarm().spec().alarmName() + " " + t.time() + " " + t.oldState() + " -> "
        + t.newState() + (t.early() ? " early" : "");
  }

  private static Outcome run(EarlyFiringPropertyTest.Scenario s, Random r) {
    return run(s, r, new long[1]);
  }

  /** With {@code r}: a slice of 1 to 3 transitions before each event (counted in stops[0]). */
  private static Outcome run(EarlyFiringPropertyTest.Scenario s, Random r, long[] stops) {
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(START));
    List<AlarmTransition> out = new ArrayList<>();
    Engine engine = Engine.create(s.alarms(), EngineOptions.defaults(), clock, out::add);
    for (EarlyFiringPropertyTest.Ev e : s.events()) {
      clock.setMillis(e.ingestMillis());
      if (r != null && !engine.tick(1 + r.nextInt(3))) {
        stops[0]++;
      }
      engine.ingest(new LogEvent("/g", e.timestampMillis(), e.message()));
    }
    long last = s.events().isEmpty() ? START : s.events().get(s.events().size() - 1).ingestMillis();
    for (long t = last; t <= last + 20 * 60_000; t += 7_000) {
      clock.setMillis(t);
      if (r != null) {
        while (!engine.tick(1)) {
          stops[0]++;
        }
      }
      engine.tick();
    }
    List<AlarmTransition> ts = new ArrayList<>(out);
    List<ResolvedAlarm> alarms = s.alarms();
    ts.sort(Comparator.comparing(AlarmTransition::time)
        .thenComparingInt(t -> alarms.indexOf(t.alarm())));
    List<List<HistoryItem>> histories = new ArrayList<>();
    List<Object> minutes = new ArrayList<>();
    for (ResolvedAlarm a : alarms) {
      histories.add(engine.history(a));
      minutes.add(engine.minutes(a));
    }
    // every counter but the evaluations run: how many boundaries the engine skips as quiescent
    // (nothing can change before new data) depends on where a call found the boundaries, so a
    // sliced run may run a few evaluations more or fewer with the same outcome (seed
    // 428454632294314 ran 360 and 358 before idle alarms slept, 97 and 96 after)
    EngineStats st = engine.stats();
    EngineStats outcome = new EngineStats(st.ingestedEvents(), st.unknownLogGroupEvents(),
        st.filterErrors(), st.notPublished(), st.droppedSamples(), 0);
    return new Outcome(ts, engine.statuses(), histories, minutes, outcome);
  }

  @Test
  void restore_ofASnapshotTakenHalfWayThroughABoundary_evaluatesEachAlarmOnceAtIt() {
    List<ResolvedAlarm> alarms = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      alarms.add(Fixture.resolved("prod", "/g", "A", Specs.spec().name("a" + i).metric("NS", "M")
          .statistic(Statistic.Sum).op(ComparisonOperator.GreaterThanOrEqualToThreshold)
          .threshold(1).period(60).evaluationPeriods(1).treat(TreatMissingData.notBreaching)
          .build(), "1", null, Map.of()));
    }
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(START));
    List<AlarmTransition> before = new ArrayList<>();
    Engine engine = Engine.create(alarms, EngineOptions.defaults(), clock, before::add);
    long t = START + 60_000;
    clock.setMillis(t + 5);

    assertThat(engine.tick(3)).isFalse();
    assertThat(engine.boundaryInProgress()).isTrue();
    EngineSnapshot half = engine.snapshot();
    List<AlarmTransition> after = new ArrayList<>();
    Engine restored =
        Engine.restore(alarms, EngineOptions.defaults(), clock, after::add, half);
    restored.tick();

    assertThat(before).hasSize(3);
    assertThat(half.nextBoundaryMillis()).isEqualTo(t);
    assertThat(half.alarms()).filteredOn(a -> a.lastEvaluatedMillis() == t).hasSize(3);
    assertThat(after).hasSize(alarms.size() - 3);
    assertThat(after).extracting(AlarmTransition::alarm)
        .doesNotContainAnyElementsOf(before.stream().map(AlarmTransition::alarm).toList());
    assertThat(restored.statuses()).allSatisfy(st -> {
      assertThat(st.lastEvaluated()).isEqualTo(Instant.ofEpochMilli(t));
      assertThat(st.state()).isNotEqualTo(AlarmState.INSUFFICIENT_DATA);
    });
    assertThat(restored.boundaryInProgress()).isFalse();
    assertThat(restored.nextBoundary()).isEqualTo(Instant.ofEpochMilli(t + 60_000));
  }

  @Test
  void tick_withoutAPositiveSlice_isRefused() {
    EarlyFiringPropertyTest.Scenario s = EarlyFiringPropertyTest.scenario(1, false);
    Engine engine = Engine.create(s.alarms(), EngineOptions.defaults(),
        new ManualClock(Instant.ofEpochMilli(START)), t -> {});

    assertThatThrownBy(() -> engine.tick(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxTransitions: expected at least 1; found 0");
  }
}
