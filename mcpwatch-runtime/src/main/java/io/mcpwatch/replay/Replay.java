package io.mcpwatch.replay;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.AlarmStatus;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.engine.Engine;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.EngineStats;
import io.mcpwatch.engine.EventMatcher;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.engine.Observed;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.EventReaders;
import io.mcpwatch.source.read.InputPart;
import io.mcpwatch.source.read.ReaderStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Replays events in event time through the {@link Engine}: a {@link ReplayClock} follows the
 * events, so the engine evaluates every boundary from the first event (or {@code from}) to the
 * end exactly as a live run would have, early firing included.
 *
 * <p>On a machine with more than one CPU the replay is a two-stage pipeline: this thread reads and
 * decodes a batch of events while a second thread matches the previous batch's messages against
 * the filters ({@link EventMatcher}, its own compiled copies), and this thread then ingests the
 * matched batch in order ({@link Engine#ingest(Observed)}). Matching depends on nothing but the
 * message, and aggregation, evaluation and early firing stay on this thread in the events' order,
 * so the result is the same as one thread's (io.mcpwatch.engine.ParallelMatchingPropertyTest).
 */
public final class Replay {
  private static final long MINUTE = 60_000L;

  /** Events per batch handed to the matching thread. */
  private static final int BATCH = 4096;

  private Replay() {}

  /** What one alarm did during the replay. */
  public record AlarmResult(
      ResolvedAlarm alarm,
      long matchedEvents,
      List<MinuteAggregate> minutes,
      List<AlarmTransition> transitions,
      AlarmState finalState,
      String finalReason) {
    public AlarmResult {
      minutes = List.copyOf(minutes);
      transitions = List.copyOf(transitions);
    }

    /** How many times the alarm went into ALARM. */
    public long timesFired() {
      long n = 0;
      for (AlarmTransition t : transitions) {
        n += t.newState() == AlarmState.ALARM ? 1 : 0;
      }
      return n;
    }
  }

  /**
   * The replay's counters.
   *
   * @param eventsRead events decoded from the inputs
   * @param eventsReplayed events given to the engine (inside the from/to window)
   * @param outsideWindow events before {@code from} or after {@code to}
   * @param engine the engine's counters (unknown log groups, unpublished matches, ...)
   * @param reader the readers' counters (malformed, oversized, skipped lines)
   * @param start the replay's start (first event, or {@code from})
   * @param end the time of the last evaluation
   */
  public record Summary(
      long eventsRead,
      long eventsReplayed,
      long outsideWindow,
      EngineStats engine,
      ReaderStats reader,
      @Nullable Instant start,
      @Nullable Instant end) {}

  /** The result of a replay. */
  public record Result(List<AlarmResult> alarms, Summary summary) {
    public Result {
      alarms = List.copyOf(alarms);
    }
  }

  /** Bytes per part when a replay splits its inputs (see {@link EventReaders#parts}). */
  static final long PART_BYTES = 16L << 20;

  /**
   * Replays {@code reader} through a new engine for {@code alarms}. With more than one CPU, the
   * inputs of a reader from {@link EventReaders#inTimeOrder} that were opened from files are split
   * into parts read and matched on every CPU ({@link PartedReplay}); otherwise, and for other
   * readers, one thread reads while another matches.
   *
   * @param from events before it are skipped; evaluation starts there (null: at the first event)
   * @param to events after it are skipped; the last evaluation is the one at the last boundary not
   *     after it (null: the first minute boundary after the last event)
   * @param progress called now and then with the number of events read so far
   */
  public static Result run(
      List<ResolvedAlarm> alarms,
      EventReader reader,
      EngineOptions options,
      @Nullable Instant from,
      @Nullable Instant to,
      LongConsumer progress) {
    int cpus = Runtime.getRuntime().availableProcessors();
    if (cpus > 1) {
      Result r = runParted(alarms, reader, options, from, to, progress, cpus, PART_BYTES,
          PartedReplay.defaultMaxKept());
      if (r != null) {
        return r;
      }
    }
    return run(alarms, reader, options, from, to, progress, cpus > 1);
  }

  /**
   * The replay of {@code reader}'s inputs split into parts of about {@code partBytes} and matched
   * on {@code threads} threads; null (nothing read) when they cannot be split (see {@link
   * EventReaders#parts}). When the parts would keep more than {@code maxKept} events, the inputs
   * are replayed on this thread instead (with the same result).
   */
  static @Nullable Result runParted(
      List<ResolvedAlarm> alarms,
      EventReader reader,
      EngineOptions options,
      @Nullable Instant from,
      @Nullable Instant to,
      LongConsumer progress,
      int threads,
      long partBytes,
      long maxKept) {
    List<InputPart> parts;
    try {
      parts = EventReaders.parts(reader, partBytes);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    if (parts == null) {
      return null;
    }
    Result r = PartedReplay.run(alarms, reader, parts, options,
        from != null ? from.toEpochMilli() : Long.MIN_VALUE,
        to != null ? to.toEpochMilli() : Long.MAX_VALUE,
        from != null, to != null, progress, threads, maxKept);
    if (r != null) {
      return r;
    }
    EventReaders.unsplit(reader); // too many events to hold: one thread, sorting with bounded memory
    return run(alarms, reader, options, from, to, progress, threads > 1);
  }

  /**
   * {@link #run(List, EventReader, EngineOptions, Instant, Instant, LongConsumer)} on this thread
   * (events in the reader's order), matching on a second thread or not.
   */
  public static Result run(
      List<ResolvedAlarm> alarms,
      EventReader reader,
      EngineOptions options,
      @Nullable Instant from,
      @Nullable Instant to,
      LongConsumer progress,
      boolean pipelined) {
    long fromMs = from != null ? from.toEpochMilli() : Long.MIN_VALUE;
    long toMs = to != null ? to.toEpochMilli() : Long.MAX_VALUE;
    Map<ResolvedAlarm, List<AlarmTransition>> transitions = new IdentityHashMap<>();
    for (ResolvedAlarm a : alarms) {
      transitions.put(a, new ArrayList<>());
    }
    long read = 0;
    long replayed = 0;
    long outside = 0;
    long firstTs = Long.MIN_VALUE;
    long lastTs = Long.MIN_VALUE;
    ReplayClock clock = null;
    Engine engine = null;
    ExecutorService matching = null;
    try {
      LogEvent[] batch = pipelined ? new LogEvent[BATCH] : null;
      int n = 0;
      Future<Observed[]> pending = null;
      EventMatcher[] matcher = new EventMatcher[1];
      for (LogEvent e = reader.next(); e != null; e = reader.next()) {
        read++;
        if ((read & 0xFFFF) == 0) {
          progress.accept(read);
        }
        long ts = e.timestampMillis();
        if (ts < fromMs || ts > toMs) {
          outside++;
          continue;
        }
        if (engine == null) {
          clock = new ReplayClock(from != null ? fromMs : ts);
          engine = Engine.create(alarms, options, clock, t -> transitions.get(t.alarm()).add(t));
          firstTs = ts;
          if (pipelined) {
            matching = Executors.newSingleThreadExecutor(Replay::matchingThread);
          }
        }
        replayed++;
        lastTs = Math.max(lastTs, ts);
        if (batch == null || matching == null) {
          clock.advanceTo(ts);
          engine.ingest(e);
          continue;
        }
        batch[n++] = e;
        if (n == BATCH) {
          Future<Observed[]> next = submit(matching, matcher, engine, batch, n);
          ingestAll(engine, clock, pending);
          pending = next;
          batch = new LogEvent[BATCH];
          n = 0;
        }
      }
      if (engine != null && matching != null) {
        Future<Observed[]> next = n > 0 ? submit(matching, matcher, engine, batch, n) : null;
        ingestAll(engine, clock, pending);
        ingestAll(engine, clock, next);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } finally {
      if (matching != null) {
        matching.shutdownNow();
      }
    }
    progress.accept(read);
    return finish(alarms, engine, clock, transitions, options, fromMs, toMs, from != null,
        to != null, read, replayed, outside, firstTs, lastTs, reader.stats(), 0, 0);
  }

  /**
   * The last evaluation and the result, once every event was ingested.
   *
   * @param engine null when no event was in the window
   * @param countsOnly events not given to the engine because they would only have been counted
   * @param unknownLogGroup of those, the events of a log group no alarm reads
   */
  static Result finish(
      List<ResolvedAlarm> alarms,
      @Nullable Engine engine,
      @Nullable ReplayClock clock,
      Map<ResolvedAlarm, List<AlarmTransition>> transitions,
      EngineOptions options,
      long fromMs,
      long toMs,
      boolean fromGiven,
      boolean toGiven,
      long read,
      long replayed,
      long outside,
      long firstTs,
      long lastTs,
      ReaderStats readerStats,
      long countsOnly,
      long unknownLogGroup) {
    if (engine == null) {
      // No event in the window: evaluate the window itself if one was given.
      if (!fromGiven || !toGiven) {
        return new Result(List.of(), new Summary(read, 0, outside, emptyStats(), readerStats, null, null));
      }
      clock = new ReplayClock(fromMs);
      engine = Engine.create(alarms, options, clock, t -> transitions.get(t.alarm()).add(t));
    }
    long end = toGiven ? toMs : (Math.floorDiv(lastTs, MINUTE) + 1) * MINUTE;
    clock.advanceTo(end);
    engine.tick();
    EngineStats es = engine.stats();
    EngineStats engineStats = new EngineStats(es.ingestedEvents() + countsOnly,
        es.unknownLogGroupEvents() + unknownLogGroup, es.filterErrors(), es.notPublished(),
        es.droppedSamples(), es.evaluations());

    List<AlarmResult> results = new ArrayList<>();
    for (AlarmStatus s : engine.statuses()) {
      ResolvedAlarm a = s.alarm();
      results.add(
          new AlarmResult(
              a, s.matchedEvents(), engine.minutes(a), transitions.get(a), s.state(), s.reason()));
    }
    Instant start = Instant.ofEpochMilli(fromGiven ? fromMs : firstTs);
    return new Result(
        results,
        new Summary(read, replayed, outside, engineStats, readerStats, start, Instant.ofEpochMilli(end)));
  }

  private static Thread matchingThread(Runnable r) {
    Thread t = new Thread(r, "replay-matching");
    t.setDaemon(true);
    return t;
  }

  /** Matches {@code batch[0..n)} on the matching thread (whose matcher is created there, once). */
  private static Future<Observed[]> submit(
      ExecutorService matching, EventMatcher[] matcher, Engine engine, LogEvent[] batch, int n) {
    return matching.submit(() -> {
      if (matcher[0] == null) {
        matcher[0] = engine.matcher();
      }
      Observed[] out = new Observed[n];
      for (int i = 0; i < n; i++) {
        out[i] = matcher[0].observe(batch[i]);
      }
      return out;
    });
  }

  /** Ingests a matched batch in order, the clock following each event as in a plain replay. */
  private static void ingestAll(
      Engine engine, ReplayClock clock, @Nullable Future<Observed[]> matched) {
    if (matched == null) {
      return;
    }
    Observed[] os;
    try {
      os = matched.get();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("replay interrupted", ex);
    } catch (ExecutionException ex) {
      throw new IllegalStateException("matching failed", ex.getCause());
    }
    for (Observed o : os) {
      clock.advanceTo(o.timestampMillis());
      engine.ingest(o);
    }
  }

  private static EngineStats emptyStats() {
    return new EngineStats(0, 0, 0, 0, 0, 0);
  }
}
