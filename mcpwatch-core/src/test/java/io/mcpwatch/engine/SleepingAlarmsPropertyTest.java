package io.mcpwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.config.ResolvedAlarm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Idle alarms asleep (left out of the boundaries until a sample reaches their series or their
 * state is set) decide exactly as alarms evaluated at every boundary: for random alarms sharing
 * series, random event streams with late events and default values and SetAlarmState calls, the
 * transitions, histories, minute aggregates, states and reasons
 * equal those of an engine whose alarms never sleep, and each status names the same or a newer
 * boundary as its last evaluation.
 */
class SleepingAlarmsPropertyTest {

  private static final long START = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();

  private record Outcome(List<String> transitions, List<List<HistoryItem>> histories,
      List<Object> minutes, List<String> states, List<Instant> evaluated, EngineStats stats) {}

  @Test
  void ingest_alarmsAsleep_decideAsAlarmsEvaluatedAtEveryBoundary() {
    AtomicLong saved = new AtomicLong();
    AtomicLong transitions = new AtomicLong();
    qt().withExamples(500).forAll(longs().all()).checkAssert(seed -> {
      EarlyFiringPropertyTest.Scenario s = EarlyFiringPropertyTest.scenario(seed, true, 2, 8);
      Outcome awake = run(s, seed, false);
      Outcome asleep = run(s, seed, true);
      assertThat(asleep.transitions()).as(s + ": transitions")
          .containsExactlyElementsOf(awake.transitions());
      assertThat(asleep.histories()).as(s + ": histories").isEqualTo(awake.histories());
      assertThat(asleep.minutes()).as(s + ": minutes").isEqualTo(awake.minutes());
      assertThat(asleep.states()).as(s + ": states").isEqualTo(awake.states());
      for (int i = 0; i < awake.evaluated().size(); i++) {
        Instant a = awake.evaluated().get(i);
        Instant b = asleep.evaluated().get(i);
        assertThat(a == null ? b == null : b != null && !b.isBefore(a))
            .as(s + ": last evaluation of alarm " + i + ": " + b + " against " + a).isTrue();
      }
      assertThat(asleep.stats().evaluations()).isLessThanOrEqualTo(awake.stats().evaluations());
      saved.addAndGet(awake.stats().evaluations() - asleep.stats().evaluations());
      transitions.addAndGet(awake.transitions().size());
    });
    assertThat(transitions.get()).as("transitions across all examples").isGreaterThan(500);
    assertThat(saved.get()).as("evaluations saved across all examples").isGreaterThan(1000);
  }

  private static Outcome run(EarlyFiringPropertyTest.Scenario s, long seed, boolean sleep) {
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(START));
    List<AlarmTransition> out = new ArrayList<>();
    Engine engine = Engine.create(s.alarms(), EngineOptions.defaults(), clock, out::add);
    if (!sleep) {
      engine.neverSleep();
    }
    Random r = new Random(seed ^ 0x2545F4914F6CDD1DL); // the same choices in both runs
    List<ResolvedAlarm> alarms = s.alarms();
    for (EarlyFiringPropertyTest.Ev e : s.events()) {
      clock.setMillis(e.ingestMillis());
      // whole boundaries: a slice ends after the alarm that reached its transitions, and the
      // alarms asleep are not visited, so slices would end elsewhere (SlicedBoundaryPropertyTest
      // shows that slices give the outcome of whole boundaries, with alarms asleep)
      if (r.nextBoolean()) {
        engine.tick();
      }
      if (r.nextInt(25) == 0) {
        ResolvedAlarm a = alarms.get(r.nextInt(alarms.size()));
        engine.setAlarmState(a.spec().alarmName(),
            io.mcpwatch.alarm.AlarmState.values()[r.nextInt(3)], "by hand", null,
            Instant.ofEpochMilli(e.ingestMillis()));
      }
      engine.ingest(new LogEvent("/g", e.timestampMillis(), e.message()));
    }
    long last = s.events().isEmpty() ? START : s.events().get(s.events().size() - 1).ingestMillis();
    for (long t = last; t <= last + 40 * 60_000; t += 7_000) {
      clock.setMillis(t);
      engine.tick();
    }
    List<String> ts = out.stream().map(t -> t.alarm().spec().alarmName() + " " + t.time() + " "
        + t.oldState() + " -> " + t.newState() + (t.early() ? " early" : "") + " " + t.reason())
        .toList();
    List<List<HistoryItem>> histories = new ArrayList<>();
    List<Object> minutes = new ArrayList<>();
    for (ResolvedAlarm a : alarms) {
      histories.add(engine.history(a));
      minutes.add(engine.minutes(a));
    }
    List<String> states = new ArrayList<>();
    List<Instant> evaluated = new ArrayList<>();
    for (AlarmStatus st : engine.statuses()) {
      states.add(st.state() + " " + st.reason() + " " + st.reasonDataJson() + " " + st.lastTransition() + " " + st.matchedEvents());
      evaluated.add(st.lastEvaluated());
    }
    return new Outcome(ts, histories, minutes, states, evaluated, engine.stats());
  }
}
