package io.mcpwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.mcpwatch.config.ResolvedAlarm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parallel replay: events split into chunks, each chunk's messages matched on one of two threads by
 * its own {@link EventMatcher}, and the results ingested in the events' order give exactly the
 * transitions (times, early flags, reasons), statuses, minute aggregates and counters of ingesting
 * the events one by one: for random alarms (sharing series, default values, extracted values),
 * random streams with late events and events of a group no alarm reads.
 */
class ParallelMatchingPropertyTest {

  private static final long START = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
  private static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  private record Ev(long ingestMillis, LogEvent event) {}

  private record Outcome(List<AlarmTransition> transitions, List<AlarmStatus> statuses,
      List<Object> minutes, EngineStats stats) {}

  @Test
  void ingest_ofChunksMatchedInParallelEqualsIngestingEachEvent() {
    AtomicLong transitions = new AtomicLong();
    AtomicLong early = new AtomicLong();
    qt().withExamples(1000).forAll(longs().all()).checkAssert(seed -> {
      EarlyFiringPropertyTest.Scenario s = EarlyFiringPropertyTest.scenario(seed, true);
      Random r = new Random(seed ^ 0x5DEECE66DL);
      List<Ev> events = new ArrayList<>();
      for (EarlyFiringPropertyTest.Ev e : s.events()) {
        String group = r.nextInt(8) == 0 ? "/other" : "/g";
        String message = r.nextInt(20) == 0 ? "boom " + e.message() : e.message();
        events.add(new Ev(e.ingestMillis(), new LogEvent(group, e.timestampMillis(), message)));
      }
      Outcome one = sequential(s.alarms(), events);
      Outcome chunked = parallel(s.alarms(), events, r);
      assertThat(chunked).as(s.toString()).isEqualTo(one);
      transitions.addAndGet(one.transitions().size());
      early.addAndGet(one.transitions().stream().filter(AlarmTransition::early).count());
    });
    assertThat(transitions.get()).as("transitions across all examples").isGreaterThan(500);
    assertThat(early.get()).as("early transitions across all examples").isGreaterThan(20);
  }

  /** Alarms whose filter throws on "boom" (a filter bug, counted by the engine). */
  private static Engine engine(List<ResolvedAlarm> alarms, ManualClock clock,
      List<AlarmTransition> out) {
    return Engine.create(alarms, EngineOptions.defaults(), clock, out::add,
        a -> new ThrowingBinding(a, "boom"));
  }

  private static Outcome sequential(List<ResolvedAlarm> alarms, List<Ev> events) {
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(START));
    List<AlarmTransition> out = new ArrayList<>();
    Engine engine = engine(alarms, clock, out);
    for (Ev e : events) {
      clock.setMillis(e.ingestMillis());
      engine.ingest(e.event());
    }
    return finish(alarms, engine, clock, events, out);
  }

  private static Outcome parallel(List<ResolvedAlarm> alarms, List<Ev> events, Random r) {
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(START));
    List<AlarmTransition> out = new ArrayList<>();
    Engine engine = engine(alarms, clock, out);
    List<Future<List<Observed>>> chunks = new ArrayList<>();
    int from = 0;
    while (from < events.size()) {
      int to = Math.min(events.size(), from + 1 + r.nextInt(12));
      List<Ev> chunk = events.subList(from, to);
      chunks.add(pool.submit(() -> {
        EventMatcher m = engine.matcher(); // one per chunk here; a replay keeps one per thread
        List<Observed> observed = new ArrayList<>();
        for (Ev e : chunk) {
          observed.add(m.observe(e.event()));
        }
        return observed;
      }));
      from = to;
    }
    int i = 0;
    for (Future<List<Observed>> f : chunks) {
      for (Observed o : get(f)) {
        clock.setMillis(events.get(i++).ingestMillis());
        engine.ingest(o);
      }
    }
    return finish(alarms, engine, clock, events, out);
  }

  private static List<Observed> get(Future<List<Observed>> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private static Outcome finish(List<ResolvedAlarm> alarms, Engine engine, ManualClock clock,
      List<Ev> events, List<AlarmTransition> out) {
    long last = events.isEmpty() ? START : events.get(events.size() - 1).ingestMillis();
    for (long t = last; t <= last + 20 * 60_000; t += 7_000) {
      clock.setMillis(t);
      engine.tick();
    }
    List<Object> minutes = new ArrayList<>();
    for (ResolvedAlarm a : alarms) {
      minutes.add(engine.minutes(a));
    }
    return new Outcome(out, engine.statuses(), minutes, engine.stats());
  }

  @Test
  void ingest_rejectsTheObservationOfAnotherEngine() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("/g", "X", io.mcpwatch.alarm.Specs.spec().build());
    Engine a = f.start(EngineOptions.defaults());
    Engine b = Engine.create(f.alarms, EngineOptions.defaults(), f.clock, t -> {});
    Observed o = b.matcher().observe(new LogEvent("/g", 1, "X"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.ingest(o))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
