package io.mcpwatch.replay;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.engine.Engine;
import io.mcpwatch.engine.EngineListener;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.EventMatcher;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.engine.Observed;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.InputPart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The replay of inputs split into parts ({@link io.mcpwatch.source.read.EventReaders#parts}), read,
 * decoded and matched on several threads, with exactly the result of the sequential replay of the
 * same inputs in event-time order.
 *
 * <p>Each part's thread keeps only the events whose matching observed something (the others
 * change nothing but counters, which it adds up) and the 10-second intervals that hold any event,
 * and sorts its events by time (stably). This thread then merges the parts' events in the order
 * the sequential replay sees them (time; equal times: input, then position in it), moves the
 * clock to the start of every interval that holds an event and ticks the engine there (the
 * sequential replay runs its due evaluations at the first event of such an interval, whatever
 * that event is), and ingests the kept events. Aggregation, evaluation and early firing thus run
 * once, on one thread, in time order.
 *
 * <p>The kept events are held until every part is read (about 100 bytes each). When they would
 * exceed {@code maxKept} (by default what a quarter of the heap holds), the replay gives up and
 * returns null, and the caller replays the inputs on one thread, whose sort spills to disk.
 *
 * <p>The engine must exist before matching (its matchers' observations are bound to it), and it
 * starts at the first event in time: the start is taken from the first event of each input and,
 * when a part holds an earlier one (an input out of order), the parts are matched again for an
 * engine started there.
 */
final class PartedReplay {
  private static final long INTERVAL = 10_000L;
  private static final Comparator<Observed> BY_TIME =
      Comparator.comparingLong(Observed::timestampMillis);

  private PartedReplay() {}

  /** What one part's thread found. */
  private static final class PartResult {
    long read;
    long outside;
    long inWindow;
    long countsOnly;
    long unknownLogGroup;
    long minTs = Long.MAX_VALUE;
    long maxTs = Long.MIN_VALUE;
    Observed[] kept = new Observed[0];
    long[] intervals = new long[0];
  }

  /** Kept events a replay in parts may hold: what a quarter of the heap holds at ~128 bytes each. */
  static long defaultMaxKept() {
    return Math.max(1 << 16, Runtime.getRuntime().maxMemory() / 4 / 128);
  }

  /** Thrown in a part's thread when the parts together keep more than allowed. */
  private static final class TooMany extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooMany() {
      super(null, null, false, false);
    }
  }

  /** The replay, or null when the kept events would exceed {@code maxKept}. */
  static Replay.@Nullable Result run(
      List<ResolvedAlarm> alarms,
      EventReader reader,
      List<InputPart> parts,
      EngineOptions options,
      long fromMs,
      long toMs,
      boolean fromGiven,
      boolean toGiven,
      LongConsumer progress,
      int threads,
      long maxKept) {
    Map<ResolvedAlarm, List<AlarmTransition>> transitions = new IdentityHashMap<>();
    EngineListener listener = t -> transitions.get(t.alarm()).add(t);
    ExecutorService pool = Executors.newFixedThreadPool(threads, PartedReplay::thread);
    try {
      long start = fromGiven ? fromMs : firstStart(parts, fromMs, toMs);
      while (true) {
        for (ResolvedAlarm a : alarms) {
          transitions.put(a, new ArrayList<>());
        }
        ReplayClock clock = new ReplayClock(start == Long.MAX_VALUE ? 0 : start);
        Engine engine = Engine.create(alarms, options, clock, listener);
        // one input, likely in time order: its parts are ingested as they are read
        InOrderFeed early = oneInput(parts) ? new InOrderFeed(engine, clock) : null;
        List<PartResult> results =
            matchAll(pool, engine, parts, fromMs, toMs, progress, maxKept, early);
        if (results == null) {
          return null;
        }
        long read = 0;
        long outside = 0;
        long replayed = 0;
        long countsOnly = 0;
        long unknown = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (PartResult r : results) {
          read += r.read;
          outside += r.outside;
          replayed += r.inWindow;
          countsOnly += r.countsOnly;
          unknown += r.unknownLogGroup;
          min = Math.min(min, r.minTs);
          max = Math.max(max, r.maxTs);
        }
        progress.accept(read);
        if (replayed == 0) {
          return Replay.finish(alarms, null, null, transitions, options, fromMs, toMs, fromGiven,
              toGiven, read, 0, outside, Long.MIN_VALUE, Long.MIN_VALUE, reader.stats(), 0, 0);
        }
        long trueStart = fromGiven ? fromMs : min;
        if (trueStart != start) {
          start = trueStart; // an input out of order held an earlier event: match again
          continue;
        }
        if (early != null && early.inOrder()) {
          early.finish();
        } else {
          if (early != null && early.fedAny()) {
            // out of order after all: the sequential order on a new engine, fed what was kept
            for (ResolvedAlarm a : alarms) {
              transitions.put(a, new ArrayList<>());
            }
            clock = new ReplayClock(start == Long.MAX_VALUE ? 0 : start);
            engine = Engine.create(alarms, options, clock, listener);
            for (PartResult r : results) {
              for (int i = 0; i < r.kept.length; i++) {
                r.kept[i] = engine.adopt(r.kept[i]);
              }
            }
          }
          feed(engine, clock, results);
        }
        return Replay.finish(alarms, engine, clock, transitions, options, fromMs, toMs, fromGiven,
            toGiven, read, replayed, outside, min, max, reader.stats(), countsOnly, unknown);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Thread thread(Runnable r) {
    Thread t = new Thread(r, "replay-part");
    t.setDaemon(true);
    return t;
  }

  /**
   * The time of the first event inside the window of each input's first part that holds one (the
   * engine's start when the inputs are in time order), or {@link Long#MAX_VALUE}.
   */
  private static long firstStart(List<InputPart> parts, long fromMs, long toMs) {
    long start = Long.MAX_VALUE;
    int input = -1;
    boolean found = false;
    for (InputPart p : parts) {
      if (p.input() != input) {
        input = p.input();
        found = false;
      }
      if (found) {
        continue;
      }
      try (EventReader r = p.open()) {
        for (LogEvent e; (e = r.next()) != null; ) {
          long ts = e.timestampMillis();
          if (ts >= fromMs && ts <= toMs) {
            start = Math.min(start, ts);
            found = true;
            break;
          }
        }
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      if (!found) {
        break; // that part has none in the window: let the full match find the start
      }
    }
    return start;
  }

  /**
   * Every part's result, in order; null when they would keep more than {@code maxKept}. Each result
   * goes to {@code early}, when not null, as soon as it and those before it are in.
   */
  private static @Nullable List<PartResult> matchAll(
      ExecutorService pool,
      Engine engine,
      List<InputPart> parts,
      long fromMs,
      long toMs,
      LongConsumer progress,
      long maxKept,
      @Nullable InOrderFeed early) {
    ThreadLocal<EventMatcher> matchers = ThreadLocal.withInitial(engine::matcher);
    AtomicLong read = new AtomicLong();
    AtomicLong kept = new AtomicLong();
    List<Future<PartResult>> futures = new ArrayList<>();
    for (InputPart p : parts) {
      futures.add(pool.submit(() -> match(p, matchers.get(), fromMs, toMs, read, kept, maxKept)));
    }
    List<PartResult> out = new ArrayList<>();
    try {
      for (Future<PartResult> f : futures) {
        while (true) {
          try {
            PartResult r = f.get(200, TimeUnit.MILLISECONDS);
            out.add(r);
            if (early != null) {
              early.part(r);
            }
            break;
          } catch (TimeoutException ex) {
            progress.accept(read.get());
          }
        }
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("replay interrupted", ex);
    } catch (ExecutionException ex) {
      Throwable c = ex.getCause();
      if (c instanceof TooMany) {
        for (Future<PartResult> f : futures) {
          f.cancel(true);
        }
        return null;
      }
      if (c instanceof UncheckedIOException) {
        throw (UncheckedIOException) c;
      }
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      throw new IllegalStateException("replay failed", c);
    }
    return out;
  }

  /** Reads one part to its end: counts, keeps the events that matter, sorted by time. */
  private static PartResult match(
      InputPart part,
      EventMatcher matcher,
      long fromMs,
      long toMs,
      AtomicLong progress,
      AtomicLong keptTotal,
      long maxKept) {
    PartResult r = new PartResult();
    List<Observed> kept = new ArrayList<>();
    long[] intervals = new long[64];
    int ni = 0;
    long lastInterval = Long.MIN_VALUE;
    try (EventReader in = part.open()) {
      for (LogEvent e; (e = in.next()) != null; ) {
        r.read++;
        if ((r.read & 0xFFFF) == 0) {
          progress.addAndGet(0x10000);
        }
        long ts = e.timestampMillis();
        if (ts < fromMs || ts > toMs) {
          r.outside++;
          continue;
        }
        r.inWindow++;
        if (ts < r.minTs) {
          r.minTs = ts;
        }
        if (ts > r.maxTs) {
          r.maxTs = ts;
        }
        long iv = Math.floorDiv(ts, INTERVAL);
        if (iv != lastInterval) {
          if (ni == intervals.length) {
            ni = distinct(intervals, ni);
            if (ni > intervals.length / 2) {
              intervals = Arrays.copyOf(intervals, intervals.length * 2);
            }
          }
          intervals[ni++] = iv;
          lastInterval = iv;
        }
        Observed o = matcher.observe(e);
        if (o.countsOnly()) {
          r.countsOnly++;
          if (o.unknownLogGroup()) {
            r.unknownLogGroup++;
          }
        } else {
          kept.add(o);
          if (keptTotal.incrementAndGet() > maxKept) {
            throw new TooMany();
          }
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    progress.addAndGet(r.read & 0xFFFF);
    kept.sort(BY_TIME); // stable: equal times keep the part's order
    r.kept = kept.toArray(new Observed[0]);
    r.intervals = Arrays.copyOf(intervals, distinct(intervals, ni));
    return r;
  }

  /** Sorts {@code a[0..n)} and removes repeats; returns the new length. */
  private static int distinct(long[] a, int n) {
    Arrays.sort(a, 0, n);
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (k == 0 || a[k - 1] != a[i]) {
        a[k++] = a[i];
      }
    }
    return k;
  }

  /**
   * Ingests the parts' kept events in the sequential order (time, then part order), ticking the
   * engine at the start of every interval that holds an event, before that interval's events.
   */
  private static void feed(Engine engine, ReplayClock clock, List<PartResult> results) {
    Feeder feeder = new Feeder(engine, clock, allIntervals(results));
    if (inPartOrder(results)) { // time order is part order (a chronological input): no merge
      for (PartResult r : results) {
        for (Observed o : r.kept) {
          feeder.ingest(o);
        }
      }
    } else {
      PriorityQueue<int[]> heads = new PriorityQueue<>(Math.max(1, results.size()),
          Comparator.<int[]>comparingLong(h -> results.get(h[0]).kept[h[1]].timestampMillis())
              .thenComparingInt(h -> h[0]));
      for (int p = 0; p < results.size(); p++) {
        if (results.get(p).kept.length > 0) {
          heads.add(new int[] {p, 0});
        }
      }
      while (!heads.isEmpty()) {
        int[] h = heads.poll();
        Observed[] kept = results.get(h[0]).kept;
        feeder.ingest(kept[h[1]]);
        if (++h[1] < kept.length) {
          heads.add(h);
        }
      }
    }
    feeder.tickUpTo(Long.MAX_VALUE);
  }

  /** Ingests events in order, ticking the engine at the start of each interval that held one. */
  private static final class Feeder {
    private final Engine engine;
    private final ReplayClock clock;
    private long[] intervals;
    private int next;
    private long lastTicked = Long.MIN_VALUE;

    Feeder(Engine engine, ReplayClock clock, long[] intervals) {
      this.engine = engine;
      this.clock = clock;
      this.intervals = intervals;
    }

    /**
     * Adds intervals (sorted, distinct) to tick, none before the last one ticked; that one itself
     * is not ticked again.
     */
    void addIntervals(long[] more) {
      int from = 0;
      while (from < more.length && more[from] <= lastTicked) {
        from++;
      }
      int pending = intervals.length - next;
      long[] merged = new long[pending + more.length - from];
      System.arraycopy(intervals, next, merged, 0, pending);
      System.arraycopy(more, from, merged, pending, more.length - from);
      intervals = Arrays.copyOf(merged, distinct(merged, merged.length));
      next = 0;
    }

    void ingest(Observed o) {
      tickUpTo(Math.floorDiv(o.timestampMillis(), INTERVAL));
      clock.advanceTo(o.timestampMillis());
      engine.ingest(o);
    }

    /** Ticks every interval up to and including {@code interval}. */
    void tickUpTo(long interval) {
      while (next < intervals.length && intervals[next] <= interval) {
        lastTicked = intervals[next++];
        clock.advanceTo(lastTicked * INTERVAL);
        engine.tick();
      }
    }
  }

  /**
   * The parts of one input ingested as each comes in, on the guess that the input is in time
   * order (logs and exports mostly are): the ingesting then overlaps the reading of the parts
   * still being read instead of following it. Ingesting part after part is the sequential order
   * when each part's kept events and intervals start no earlier than those already ingested and
   * ticked (each part's are sorted); the first part that does not stops it, and the replay then
   * feeds every kept event to a new engine in the merged order ({@link Engine#adopt}), as it does
   * without the guess, with the same result.
   */
  private static final class InOrderFeed {
    private final Feeder feeder;
    private boolean inOrder = true;
    private boolean fedAny;
    private long lastTs = Long.MIN_VALUE;

    InOrderFeed(Engine engine, ReplayClock clock) {
      this.feeder = new Feeder(engine, clock, new long[0]);
    }

    void part(PartResult r) {
      if (!inOrder) {
        return;
      }
      if ((r.kept.length > 0 && r.kept[0].timestampMillis() < lastTs)
          || (r.intervals.length > 0 && r.intervals[0] < feeder.lastTicked)) {
        inOrder = false;
        return;
      }
      feeder.addIntervals(r.intervals);
      for (Observed o : r.kept) {
        feeder.ingest(o);
        fedAny = true;
      }
      if (r.kept.length > 0) {
        lastTs = r.kept[r.kept.length - 1].timestampMillis();
      }
    }

    boolean inOrder() {
      return inOrder;
    }

    boolean fedAny() {
      return fedAny;
    }

    /** Ticks the intervals after the last event, as the sequential replay does at its end. */
    void finish() {
      feeder.tickUpTo(Long.MAX_VALUE);
    }
  }

  private static boolean oneInput(List<InputPart> parts) {
    return parts.get(0).input() == parts.get(parts.size() - 1).input();
  }

  /**
   * Whether every part's kept events are no earlier than those of the parts before it: then the
   * merge by (time, part) is the parts one after the other (each is sorted by time already).
   */
  private static boolean inPartOrder(List<PartResult> results) {
    long last = Long.MIN_VALUE;
    for (PartResult r : results) {
      if (r.kept.length > 0) {
        if (r.kept[0].timestampMillis() < last) {
          return false;
        }
        last = r.kept[r.kept.length - 1].timestampMillis();
      }
    }
    return true;
  }

  private static long[] allIntervals(List<PartResult> results) {
    int n = 0;
    for (PartResult r : results) {
      n += r.intervals.length;
    }
    long[] all = new long[n];
    int k = 0;
    for (PartResult r : results) {
      System.arraycopy(r.intervals, 0, all, k, r.intervals.length);
      k += r.intervals.length;
    }
    return Arrays.copyOf(all, distinct(all, n));
  }
}
