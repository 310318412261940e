package io.mcpwatch.storage.state;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.metrics.MetricKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the database holds after the last commit, as far as the next diff needs it: the live alarms
 * with the history lists they were committed with, every series row, the live buckets, and the
 * checkpoints. Replaced as a whole after each successful commit (never mutated after that).
 */
final class Committed {

  /** Marks a series without live buckets. */
  static final long NOT_LIVE = Long.MAX_VALUE;

  boolean hasMeta;
  long commitSeq;
  Instant committedAt = Instant.EPOCH;
  long nextBoundary;
  long nextHistoryId = 1;
  long nextSeriesId = 1;
  final Map<AlarmId, AlarmRow> alarms = new HashMap<>();
  final Map<AlarmId, History> history = new HashMap<>();
  final Map<String, SeriesRow> series = new HashMap<>();
  final Map<Long, Map<Long, EngineSnapshot.Bucket>> buckets = new HashMap<>();
  final Map<String, SourceCheckpoint> checkpoints = new HashMap<>();
  /** The JSON texts of series keys, by the identity of the engine's key objects. */
  private Map<Object, Object> json = new IdentityHashMap<>();

  /** A copy whose maps can be changed without touching this one (values are immutable). */
  Committed copy() {
    Committed c = new Committed();
    c.hasMeta = hasMeta;
    c.commitSeq = commitSeq;
    c.committedAt = committedAt;
    c.nextBoundary = nextBoundary;
    c.nextHistoryId = nextHistoryId;
    c.nextSeriesId = nextSeriesId;
    c.alarms.putAll(alarms);
    c.history.putAll(history);
    c.series.putAll(series);
    c.buckets.putAll(buckets);
    c.checkpoints.putAll(checkpoints);
    c.json = json;
    return c;
  }

  /** {@link StateJson#seriesKey(MetricKey, String)}, remembered per key object. */
  String seriesKey(MetricKey key, @Nullable String unit) {
    Object v = json.get(key);
    if (v instanceof SeriesKey k && Objects.equals(k.unit(), unit)) {
      return k.json();
    }
    String text = StateJson.seriesKey(key, unit);
    remember(key, new SeriesKey(unit, text));
    return text;
  }

  /**
   * {@link StateJson#spec} and {@link StateJson#seriesKey(String, AlarmSpec)}, made when an alarm
   * row is written with its spec (a new or reconfigured alarm, or a full commit of a changed one),
   * not remembered: a changes commit writes a known alarm's state columns only, and keeping 10,000
   * specs' JSON held ~8 MB of a 128 MB heap for nothing (issue 14: old-generation collections).
   */
  static SpecJson specJson(String env, AlarmSpec spec) {
    return new SpecJson(env, StateJson.spec(spec), StateJson.seriesKey(env, spec));
  }

  private void remember(Object key, Object value) {
    if (json.size() > 4 * (alarms.size() + series.size()) + 1024) {
      json = new IdentityHashMap<>(); // objects of replaced engines
    }
    json.put(key, value);
  }

  private record SeriesKey(@Nullable String unit, String json) {}

  /** An alarm spec's JSON and its series key. */
  record SpecJson(String env, String spec, String seriesKey) {}

  /** The engine snapshot this state describes: live alarms and series in their committed order. */
  EngineSnapshot snapshot() {
    List<Map.Entry<AlarmId, AlarmRow>> live = new ArrayList<>(alarms.entrySet());
    live.sort(Comparator.comparingInt(e -> e.getValue().ord()));
    List<EngineSnapshot.AlarmSnapshot> as = new ArrayList<>(live.size());
    for (Map.Entry<AlarmId, AlarmRow> e : live) {
      History h = history.get(e.getKey());
      as.add(e.getValue().toSnapshot(e.getKey(), h == null ? History.EMPTY : h));
    }
    List<SeriesRow> rows = new ArrayList<>();
    for (SeriesRow r : series.values()) {
      if (r.ord() != null) {
        rows.add(r);
      }
    }
    rows.sort(Comparator.comparingInt(r -> Objects.requireNonNull(r.ord())));
    List<EngineSnapshot.SeriesSnapshot> ss = new ArrayList<>(rows.size());
    for (SeriesRow r : rows) {
      List<EngineSnapshot.Bucket> bs =
          new ArrayList<>(buckets.getOrDefault(r.id(), Map.of()).values());
      bs.sort(Comparator.comparingLong(EngineSnapshot.Bucket::startMillis));
      ss.add(new EngineSnapshot.SeriesSnapshot(r.metric(), r.unit(), bs));
    }
    return new EngineSnapshot(nextBoundary, as, ss);
  }

  /** An alarm's identity: environment and name. */
  record AlarmId(String env, String alarmName) {}

  /**
   * An alarm's committed history: the items the engine held (all of its history, or the newest
   * ones), their row ids, and when the alarm's configuration last changed.
   *
   * @param ids the row id of each item, increasing
   * @param configuredMillis the newest ConfigurationUpdate item's time, or {@link Long#MIN_VALUE}
   *     when unknown (the snapshot derives it from the items then)
   */
  record History(List<HistoryItem> items, long[] ids, long configuredMillis) {
    static final History EMPTY = new History(List.of(), new long[0], Long.MIN_VALUE);

    /** The first item's id, or {@link #NOT_LIVE}. */
    long firstId() {
      return ids.length == 0 ? NOT_LIVE : ids[0];
    }
  }

  /**
   * An alarm's committed row, without its history.
   *
   * @param historyFrom the id of the first history item the engine held, or {@link #NOT_LIVE}
   */
  record AlarmRow(
      int ord,
      AlarmSpec spec,
      AlarmState state,
      String reason,
      @Nullable String reasonData,
      long transitionedMillis,
      long lastEvaluatedMillis,
      long matchedEvents,
      long historyFrom) {

    static AlarmRow of(int ord, EngineSnapshot.AlarmSnapshot a, long historyFrom) {
      return new AlarmRow(
          ord,
          a.spec(),
          a.state(),
          a.reason(),
          a.reasonData(),
          a.transitionedMillis(),
          a.lastEvaluatedMillis(),
          a.matchedEvents(),
          historyFrom);
    }

    /** This row with another last evaluation. */
    AlarmRow evaluatedAt(long lastEvaluated) {
      return new AlarmRow(ord, spec, state, reason, reasonData, transitionedMillis, lastEvaluated,
          matchedEvents, historyFrom);
    }

    EngineSnapshot.AlarmSnapshot toSnapshot(AlarmId id, History history) {
      List<HistoryItem> items = history.items();
      return new EngineSnapshot.AlarmSnapshot(
          id.env(),
          id.alarmName(),
          spec,
          state,
          reason,
          reasonData,
          transitionedMillis,
          lastEvaluatedMillis,
          matchedEvents,
          history.configuredMillis() == Long.MIN_VALUE
              ? EngineSnapshot.AlarmSnapshot.configuredMillis(items, transitionedMillis)
              : history.configuredMillis(),
          items);
    }
  }

  /**
   * A series row.
   *
   * @param ord position in the last commit, or null when no longer watched
   * @param liveFrom the first live bucket's start, or {@link #NOT_LIVE}
   */
  record SeriesRow(
      long id,
      String key,
      MetricKey metric,
      @Nullable String unit,
      @Nullable Integer ord,
      long liveFrom) {}
}
