package io.mcpwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.config.ResolvedAlarm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link Engine#changes()} visits only the alarms and series marked as possibly changed (issue 14),
 * yet reports everything that changed: after random ingests (late ones, default values, early
 * firing), whole and sliced boundaries, SetAlarmState, recorded actions and weeks of idle time
 * (retention), every alarm and series compares equal to what changes() last reported, and the
 * first changes() with every later one applied on top gives exactly the engine's snapshot.
 */
class ChangesPropertyTest {

  private static final long START = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();

  @Test
  void changes_afterRandomOperations_reportEverythingThatChanged() {
    AtomicLong reported = new AtomicLong();
    qt().withExamples(400).forAll(longs().all()).checkAssert(seed -> {
      EarlyFiringPropertyTest.Scenario s = EarlyFiringPropertyTest.scenario(seed, true, 2, 8);
      Random r = new Random(seed ^ 0x9E3779B97F4A7C15L);
      ManualClock clock = new ManualClock(Instant.ofEpochMilli(START));
      Engine engine = Engine.create(s.alarms(), EngineOptions.defaults(), clock, t -> {});
      EngineChanges first = engine.changes();
      assertThat(first.alarms()).as(s + ": the first changes() reports every alarm")
          .hasSize(s.alarms().size());
      Mirror mirror = new Mirror(first);
      assertThat(engine.everythingReported()).isTrue();
      for (EarlyFiringPropertyTest.Ev e : s.events()) {
        clock.setMillis(e.ingestMillis());
        step(engine, s.alarms(), clock, r);
        engine.ingest(new LogEvent("/g", e.timestampMillis(), e.message()));
        if (r.nextInt(3) == 0) {
          reported.addAndGet(mirror.apply(engine.changes()));
          assertThat(engine.everythingReported()).as(s + ": after an ingest").isTrue();
        }
      }
      long last = s.events().isEmpty() ? START
          : s.events().get(s.events().size() - 1).ingestMillis();
      // minutes, then weeks (retention drops buckets and history items)
      for (long t = last; t <= last + 16L * 86_400_000L; t += t < last + 3_600_000L ? 13_000
          : 6 * 3_600_000L) {
        clock.setMillis(t);
        step(engine, s.alarms(), clock, r);
        reported.addAndGet(mirror.apply(engine.changes()));
        assertThat(engine.everythingReported()).as(s + ": at " + t).isTrue();
      }
      EngineSnapshot now = engine.snapshot();
      assertThat(mirror.alarms).as(s + ": alarms").containsExactlyElementsOf(now.alarms());
      assertThat(mirror.series).as(s + ": series").containsExactlyElementsOf(now.series());
    });
    assertThat(reported.get()).as("changed alarms and series reported after the first")
        .isGreaterThan(2_000);
  }

  /** A random operation of the live service's engine thread (or none). */
  private static void step(Engine engine, List<ResolvedAlarm> alarms, ManualClock clock,
      Random r) {
    switch (r.nextInt(8)) {
      case 0 -> engine.tick();
      case 1, 2 -> engine.tick(1 + r.nextInt(2));
      case 3 -> {
        ResolvedAlarm a = alarms.get(r.nextInt(alarms.size()));
        engine.setAlarmState(a.spec().alarmName(), AlarmState.values()[r.nextInt(3)],
            "set by a test", null, clock.instant());
      }
      case 4 -> engine.recordAction(alarms.get(r.nextInt(alarms.size())), clock.instant(),
          "arn:aws:sns:eu-west-1:123456789012:t", r.nextBoolean() ? null : "refused");
      default -> {
        // nothing: the next ingest runs what is due
      }
    }
  }

  /** The first changes() with each later one applied by position. */
  private static final class Mirror {
    final List<EngineSnapshot.AlarmSnapshot> alarms;
    final List<EngineSnapshot.SeriesSnapshot> series;

    Mirror(EngineChanges first) {
      assertThat(first.alarms().keySet()).hasSize(first.alarmCount());
      assertThat(first.series().keySet()).hasSize(first.seriesCount());
      alarms = new ArrayList<>(first.alarms().values());
      series = new ArrayList<>(first.series().values());
    }

    int apply(EngineChanges c) {
      c.alarms().forEach(alarms::set);
      c.series().forEach(series::set);
      return c.alarms().size() + c.series().size();
    }
  }
}
