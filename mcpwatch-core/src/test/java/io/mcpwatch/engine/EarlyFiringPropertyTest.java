package io.mcpwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.EarlyFiring;
import io.mcpwatch.alarm.Specs;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.ResolvedAlarm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Early firing changes only when transitions happen, never which: for random alarms (sharing a
 * metric, so several filters publish into one series) and random event streams in timestamp
 * order (with random ingestion delays, so samples also arrive late), the per-alarm sequence of
 * (old, new) states with early firing equals the one without, and each transition is at the same
 * time or earlier.
 */
class EarlyFiringPropertyTest {

  private static final long START = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
  private static final String[] VALUES = {"1", "2", "0", "-1", "$v", "1", "3"};
  private static final Double[] DEFAULTS = {null, null, null, 0.0, 1.0, -1.0};
  private static final int[] PERIODS = {10, 20, 30, 60, 60, 120, 300};

  private final AtomicInteger earlyTransitions = new AtomicInteger();

  record Ev(long ingestMillis, long timestampMillis, String message) {}

  record Scenario(long seed, List<ResolvedAlarm> alarms, List<Ev> events) {
    @Override
    public String toString() {
      return "seed " + seed + ": " + alarms.size() + " alarms, " + events.size() + " events";
    }
  }

  @Test
  @Tag("slow")
  void ingest_earlyFiringKeepsTransitionsAndOnlyMovesThemEarlier() {
    qt().withExamples(1000).forAll(longs().all()).check(seed -> holds(scenario(seed, true)));
    assertThat(earlyTransitions.get()).as("early transitions across all examples")
        .isGreaterThan(20);
  }

  /**
   * ... and as early as the data allows: after every ingested event that added a sample to an
   * eligible alarm's series, the alarm is in ALARM if its next evaluation already has M of N
   * breaching windows (computed from the series, not from the engine's incremental cache). Default
   * values are left out: they do not trigger the check (they only make the next sample rebuild the
   * cache); nor is a boundary passing without new samples (the check runs on samples).
   */
  @Test
  @Tag("slow")
  void ingest_earlyFiringFiresAsSoonAsTheNextEvaluationIsCertain() {
    AtomicInteger certainChecks = new AtomicInteger();
    qt().withExamples(1000).forAll(longs().all())
        .check(seed -> firesAsSoonAsCertain(scenario(seed, false), certainChecks));
    assertThat(certainChecks.get()).as("moments when an alarm was certain").isGreaterThan(100);
  }

  private static boolean firesAsSoonAsCertain(Scenario s, AtomicInteger certainChecks) {
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(START));
    Engine engine = Engine.create(s.alarms(), EngineOptions.defaults(), clock, t -> {});
    for (Ev e : s.events()) {
      clock.setMillis(e.ingestMillis());
      List<AlarmRuntime> all = engine.runtimes();
      long[] before = new long[all.size()];
      for (int k = 0; k < before.length; k++) {
        before[k] = samples(all.get(k));
      }
      engine.ingest(new LogEvent("/g", e.timestampMillis(), e.message()));
      for (int k = 0; k < before.length; k++) {
        AlarmRuntime a = all.get(k);
        if (!a.earlyEligible || samples(a) <= before[k]) { // no new sample (eviction can lower it)
          continue;
        }
        long t = a.nextBoundaryFrom(engine.nextBoundaryMillis());
        long p = a.periodMillis;
        int breaching = 0;
        for (int i = 0; i < a.spec.evaluationPeriods(); i++) {
          double v = a.series.series.statistic(t - (i + 1) * p, t - i * p, a.spec.statistic());
          if (!Double.isNaN(v) && a.spec.comparison().breaches(v, a.spec.threshold())) {
            breaching++;
          }
        }
        if (EarlyFiring.certain(a.spec, breaching)) {
          certainChecks.incrementAndGet();
          if (a.state != AlarmState.ALARM) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Samples in the alarm's series over the whole time the scenarios span. */
  private static long samples(AlarmRuntime a) {
    return (long) a.series.series.statistic(START - 3_600_000, START + 7_200_000,
        Statistic.SampleCount);
  }

  private boolean holds(Scenario s) {
    Map<ResolvedAlarm, List<AlarmTransition>> early = run(s, true);
    Map<ResolvedAlarm, List<AlarmTransition>> late = run(s, false);
    for (ResolvedAlarm a : s.alarms()) {
      List<AlarmTransition> e = early.getOrDefault(a, List.of());
      List<AlarmTransition> l = late.getOrDefault(a, List.of());
      if (e.size() != l.size()) {
        return false;
      }
      for (int i = 0; i < e.size(); i++) {
        AlarmTransition x = e.get(i);
        AlarmTransition y = l.get(i);
        if (x.oldState() != y.oldState() || x.newState() != y.newState()
            || x.time().isAfter(y.time()) || y.early()) {
          return false;
        }
        if (x.early()) {
          earlyTransitions.incrementAndGet();
        }
      }
    }
    return true;
  }

  private static Map<ResolvedAlarm, List<AlarmTransition>> run(Scenario s, boolean earlyFiring) {
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(START));
    Map<ResolvedAlarm, List<AlarmTransition>> out = new HashMap<>();
    Engine engine = Engine.create(s.alarms(), EngineOptions.defaults().withEarlyFiring(earlyFiring),
        clock, t -> out.computeIfAbsent(t.alarm(), k -> new ArrayList<>()).add(t));
    long last = START;
    for (Ev e : s.events()) {
      clock.setMillis(e.ingestMillis());
      engine.ingest(new LogEvent("/g", e.timestampMillis(), e.message()));
      last = e.ingestMillis();
    }
    for (long t = last; t <= last + 20 * 60_000; t += 7_000) {
      clock.setMillis(t);
      engine.tick();
    }
    return out;
  }

  static Scenario scenario(long seed, boolean defaults) {
    return scenario(seed, defaults, 1, 3);
  }

  /** A scenario of {@code least} to {@code least + spread - 1} alarms. */
  static Scenario scenario(long seed, boolean defaults, int least, int spread) {
    Random r = new Random(seed);
    List<ResolvedAlarm> alarms = new ArrayList<>();
    int count = least + r.nextInt(spread);
    for (int i = 0; i < count; i++) {
      int n = 1 + r.nextInt(4);
      AlarmSpec spec = Specs.spec().name("a" + i)
          .metric("NS", r.nextInt(3) == 0 ? "Other" : "M")
          .statistic(Statistic.values()[r.nextInt(Statistic.values().length)])
          .op(ComparisonOperator.values()[r.nextInt(ComparisonOperator.values().length)])
          .threshold(r.nextInt(5) + (r.nextBoolean() ? 0.0 : 0.5))
          .period(PERIODS[r.nextInt(PERIODS.length)])
          .evaluationPeriods(n)
          .datapointsToAlarm(r.nextBoolean() ? null : 1 + r.nextInt(n))
          .treat(r.nextInt(5) == 0 ? null
              : TreatMissingData.values()[r.nextInt(TreatMissingData.values().length)])
          .build();
      // events are "f1 f2 v" with f1 in {A, Z}, f2 in {B, Y}: the term pattern A matches exactly
      // the events the delimited pattern [f1=A, f2, v] matches (and B likewise)
      boolean a = r.nextBoolean();
      String value = VALUES[r.nextInt(VALUES.length)];
      String pattern = value.startsWith("$")
          ? (a ? "[f1=A, f2, v]" : "[f1, f2=B, v]")
          : (a ? "A" : "B");
      alarms.add(Fixture.resolved("prod", "/g", pattern, spec, value,
          defaults ? DEFAULTS[r.nextInt(DEFAULTS.length)] : null, Map.of()));
    }
    List<Ev> events = new ArrayList<>();
    long ts = START + r.nextInt(120_000);
    long ingest = START;
    int eventCount = r.nextInt(60);
    for (int i = 0; i < eventCount; i++) {
      ts += r.nextInt(r.nextInt(4) == 0 ? 120_000 : 15_000);
      long delay = r.nextInt(10) < 7 ? 0 : r.nextInt(90_000);
      ingest = Math.max(ingest, ts + delay);
      String m = (r.nextInt(3) > 0 ? "A" : "Z") + (r.nextBoolean() ? " B " : " Y ")
          + (r.nextInt(10) - 3);
      events.add(new Ev(ingest, ts, m));
    }
    return new Scenario(seed, alarms, events);
  }
}
