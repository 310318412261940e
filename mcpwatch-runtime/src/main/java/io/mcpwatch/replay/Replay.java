package io.mcpwatch.replay;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.AlarmStatus;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.engine.Engine;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.EngineStats;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.ReaderStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Replays events in event time through the {@link Engine}: a {@link ReplayClock} follows the
 * events, so the engine evaluates every boundary from the first event (or {@code from}) to the
 * end exactly as a live run would have, early firing included.
 */
public final class Replay {
  private static final long MINUTE = 60_000L;

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
      return transitions.stream().filter(t -> t.newState() == AlarmState.ALARM).count();
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

  /**
   * Replays {@code reader} through a new engine for {@code alarms}.
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
    try {
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
        }
        clock.advanceTo(ts);
        engine.ingest(e);
        replayed++;
        lastTs = Math.max(lastTs, ts);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    progress.accept(read);
    if (engine == null) {
      // No event in the window: evaluate the window itself if one was given.
      if (from == null || to == null) {
        return new Result(List.of(), new Summary(read, 0, outside, emptyStats(), reader.stats(), null, null));
      }
      clock = new ReplayClock(fromMs);
      engine = Engine.create(alarms, options, clock, t -> transitions.get(t.alarm()).add(t));
    }
    long end = to != null ? toMs : (Math.floorDiv(lastTs, MINUTE) + 1) * MINUTE;
    clock.advanceTo(end);
    engine.tick();

    List<AlarmResult> results = new ArrayList<>();
    for (AlarmStatus s : engine.statuses()) {
      ResolvedAlarm a = s.alarm();
      results.add(
          new AlarmResult(
              a, s.matchedEvents(), engine.minutes(a), transitions.get(a), s.state(), s.reason()));
    }
    Instant start = Instant.ofEpochMilli(from != null ? fromMs : firstTs);
    return new Result(
        results,
        new Summary(read, replayed, outside, engine.stats(), reader.stats(), start, Instant.ofEpochMilli(end)));
  }

  private static EngineStats emptyStats() {
    return new EngineStats(0, 0, 0, 0, 0, 0);
  }
}
