package io.mcpwatch.live;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.AlarmStatus;
import io.mcpwatch.engine.Engine;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.notify.TriggerLine;
import io.mcpwatch.pattern.Observation;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The last few log lines each alarm's filter matched, for the notification ("the triggering log
 * lines"). The engine counts matches per alarm; after a batch, an alarm whose count grew (the engine
 * names only those) looks for
 * its newest matches in that batch (newest first, stopping after {@code keep}), so the filter runs
 * a second time only on batches with matches, never on the whole stream.
 *
 * <p>Only the engine thread changes it; {@link #published} is the copy other threads (the read
 * model behind the console) read.
 */
final class TriggerLines {
  private final int keep;
  private List<ResolvedAlarm> alarms = List.of();
  private long[] matched = new long[0];
  private List<ArrayDeque<TriggerLine>> recent = List.of();
  private Map<String, Integer> index = Map.of();
  private final Map<String, List<TriggerLine>> published = new ConcurrentHashMap<>();

  TriggerLines(int keep) {
    this.keep = keep;
  }

  /** Starts over for a (new) alarm list, with the engine's current counts. */
  void reset(List<AlarmStatus> statuses) {
    Map<String, Integer> oldIndex = index;
    List<ArrayDeque<TriggerLine>> oldRecent = recent;
    alarms = new ArrayList<>(statuses.size());
    matched = new long[statuses.size()];
    recent = new ArrayList<>(statuses.size());
    index = new HashMap<>();
    for (int i = 0; i < statuses.size(); i++) {
      ResolvedAlarm a = statuses.get(i).alarm();
      alarms.add(a);
      matched[i] = statuses.get(i).matchedEvents();
      Integer before = oldIndex.get(key(a));
      recent.add(before != null ? oldRecent.get(before) : new ArrayDeque<>(keep));
      index.put(key(a), i);
    }
    published.keySet().retainAll(index.keySet());
  }

  private static String key(ResolvedAlarm a) {
    return key(a.env(), a.spec().alarmName());
  }

  private static String key(String env, String alarmName) {
    return env + '\u0000' + alarmName;
  }

  /** The alarm's remembered lines, oldest first; safe from any thread. */
  List<TriggerLine> published(String env, String alarmName) {
    return published.getOrDefault(key(env, alarmName), List.of());
  }

  /**
   * After {@code events} were ingested: remembers the newest matches of alarms whose count grew.
   *
   * @param matchedSince hands a visitor the matched-event count of each alarm that matched since
   *     the previous call, by its position in the statuses given to {@link #reset} ({@code
   *     Engine::matchedSince})
   */
  void update(List<LogEvent> events, Consumer<Engine.MatchedCount> matchedSince) {
    matchedSince.accept((i, now) -> {
      long grown = now - matched[i];
      matched[i] = now;
      if (grown > 0 && keep > 0) {
        collect(i, events, (int) Math.min(grown, keep));
      }
    });
  }

  private void collect(int i, List<LogEvent> events, int want) {
    ResolvedAlarm a = alarms.get(i);
    List<TriggerLine> found = new ArrayList<>(want);
    for (int k = events.size() - 1; k >= 0 && found.size() < want; k--) {
      LogEvent e = events.get(k);
      if (e.logGroup().equals(a.logGroup()) && matches(a, e.message())) {
        found.add(new TriggerLine(Instant.ofEpochMilli(e.timestampMillis()), e.message()));
      }
    }
    ArrayDeque<TriggerLine> q = recent.get(i);
    for (int k = found.size() - 1; k >= 0; k--) {
      if (q.size() == keep) {
        q.pollFirst();
      }
      q.addLast(found.get(k));
    }
    if (!found.isEmpty()) {
      published.put(key(a), List.copyOf(q));
    }
  }

  private static boolean matches(ResolvedAlarm a, String message) {
    try {
      Observation o = a.filter().observe(message);
      return o instanceof Observation.Published && !((Observation.Published) o).isDefault();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The alarm's remembered lines with a time at or after {@code since}, oldest first. */
  List<TriggerLine> since(ResolvedAlarm alarm, Instant since) {
    Integer i = index.get(key(alarm));
    if (i == null) {
      return List.of();
    }
    List<TriggerLine> out = new ArrayList<>();
    for (TriggerLine t : recent.get(i)) {
      if (!t.time().isBefore(since)) {
        out.add(t);
      }
    }
    return out;
  }
}
