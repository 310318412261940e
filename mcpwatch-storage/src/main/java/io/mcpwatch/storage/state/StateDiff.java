package io.mcpwatch.storage.state;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.engine.EngineChanges;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.storage.state.Committed.AlarmId;
import io.mcpwatch.storage.state.Committed.AlarmRow;
import io.mcpwatch.storage.state.Committed.History;
import io.mcpwatch.storage.state.Committed.SeriesRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rows one commit must write to turn the committed state into the new one, and that new state.
 *
 * <p><b>History.</b> The engine appends history items at the end of a list and drops old ones from
 * the front, and its snapshots share the item objects. So the new items are those after the last
 * committed item, found by identity from the end (cheap: only the new items are visited). When that
 * item is not there (everything older was dropped, or the engine was rebuilt from equal but new
 * objects), the longest run of committed items (by equality) that starts the new list is kept. The
 * alarm row records the first item the engine still holds; older rows stay readable until pruned.
 * An engine that keeps only the newest stored items in memory ({@code
 * EngineOptions.historyInMemory}) drops them from the front after a commit, always keeping the
 * newest stored one, so both rules still find where its new items start.
 *
 * <p><b>Buckets.</b> A series' buckets from its first live bucket on are exactly the engine's;
 * older rows stay as history until pruned. When the live range grows backwards (a series watched
 * again, a restored engine), rows the store does not know are deleted in the newly covered range
 * before the engine's buckets are written, so loading never resurrects a stale bucket.
 */
final class StateDiff {

  final Committed next;
  final List<AlarmUpsert> alarmUpserts = new ArrayList<>();
  /**
   * Alarms whose committed row exists with the same position and spec, of which the state columns
   * changed (a changes commit only): written without the spec's JSON (issue 14: a boundary that
   * moves 10,000 alarms' states rewrote 10,000 specs).
   */
  final List<AlarmUpsert> alarmStateUpdates = new ArrayList<>();
  final List<AlarmRemoval> alarmRemovals = new ArrayList<>();
  final List<HistoryInsert> historyInserts = new ArrayList<>();
  final List<SeriesRow> seriesUpserts = new ArrayList<>();
  final List<long[]> bucketRangeDeletes = new ArrayList<>();
  final List<long[]> bucketDeletes = new ArrayList<>();
  final List<BucketUpsert> bucketUpserts = new ArrayList<>();
  final Map<String, SourceCheckpoint> checkpointUpserts = new LinkedHashMap<>();
  /** Alarms of which only the last evaluation changed (a changes commit only). */
  final List<Evaluated> evaluatedOnly = new ArrayList<>();
  /**
   * With {@link #evaluatedOnly}: how many committed alarms had each last evaluation before this
   * commit (so that the writer can update a whole group with one statement when it is all of them).
   */
  final Map<Long, Integer> evaluatedBefore = new HashMap<>();

  /**
   * New alarms and series this commit leaves for later commits (a full commit in parts, {@link
   * StateStore#commit(StateCommit, int)}), by position: only ones exactly as created (an alarm in
   * INSUFFICIENT_DATA, never evaluated, nothing matched, its creation item alone; a series without
   * buckets), so that a database that lacks them holds what a restart would make of them anyway.
   */
  final NavigableMap<Integer, EngineSnapshot.AlarmSnapshot> unwrittenAlarms = new TreeMap<>();

  final NavigableMap<Integer, EngineSnapshot.SeriesSnapshot> unwrittenSeries = new TreeMap<>();

  /** Fewer alarms evaluated alike than this are updated row by row ({@link StateSql}). */
  static final int SINGLE_UPDATE_GROUP = 16;

  /** An alarm's last evaluation moved from {@code from} to {@code to}, nothing else changed. */
  record Evaluated(AlarmId id, long from, long to) {}

  record AlarmUpsert(AlarmId id, AlarmRow row) {}

  record AlarmRemoval(AlarmId id, Instant at) {}

  record HistoryInsert(long id, String env, HistoryItem item) {}

  record BucketUpsert(long seriesId, EngineSnapshot.Bucket bucket) {}

  private StateDiff(Committed next) {
    this.next = next;
  }

  static StateDiff between(Committed base, StateCommit commit, Instant now) {
    return between(base, commit, now, Integer.MAX_VALUE);
  }

  /**
   * {@link #between(Committed, StateCommit, Instant)}, writing at most {@code maxNew} of the new
   * alarms and of the new series that are exactly as created; the others are left in {@link
   * #unwrittenAlarms} and {@link #unwrittenSeries}.
   */
  static StateDiff between(Committed base, StateCommit commit, Instant now, int maxNew) {
    StateDiff d = new StateDiff(base.copy());
    d.alarms(base, commit.engine(), now, maxNew);
    d.series(base, commit.engine(), maxNew);
    d.checkpoints(base, commit.checkpoints());
    d.header(base, now, commit.engine().nextBoundaryMillis());
    return d;
  }

  /**
   * The rows a commit of {@code changes} must write on top of {@code base}, which becomes the new
   * state <em>in place</em> (the caller discards it if the transaction fails).
   *
   * @throws IllegalStateException when the changes do not fit {@code base} (another engine's, or
   *     state that was not committed): commit a full snapshot instead
   */
  static StateDiff changes(
      Committed base,
      EngineChanges changes,
      Map<String, SourceCheckpoint> checkpoints,
      Instant now) {
    return changes(base, changes, checkpoints, now, new TreeMap<>(), new TreeMap<>(), 0);
  }

  /**
   * {@link #changes(Committed, EngineChanges, Map, Instant)} on top of a full commit in parts: the
   * alarms and series the store has not written yet ({@code unwrittenAlarms}, {@code
   * unwrittenSeries}, by position; both maps are changed in place) are written when they changed,
   * and {@code maxNew} more of each with them.
   */
  static StateDiff changes(
      Committed base,
      EngineChanges changes,
      Map<String, SourceCheckpoint> checkpoints,
      Instant now,
      NavigableMap<Integer, EngineSnapshot.AlarmSnapshot> unwrittenAlarms,
      NavigableMap<Integer, EngineSnapshot.SeriesSnapshot> unwrittenSeries,
      int maxNew) {
    if (!base.hasMeta || base.alarms.size() + unwrittenAlarms.size() != changes.alarmCount()) {
      throw new IllegalStateException("the changes do not fit the committed state");
    }
    StateDiff d = new StateDiff(base);
    SortedMap<Integer, EngineSnapshot.AlarmSnapshot> alarms = changes.alarms();
    Set<Integer> newAlarms = new HashSet<>();
    if (!unwrittenAlarms.isEmpty()) {
      alarms = new TreeMap<>(alarms);
      for (Integer ord : alarms.keySet()) {
        if (unwrittenAlarms.remove(ord) != null) {
          newAlarms.add(ord); // changed since the full snapshot: this version is written
        }
      }
      for (int n = 0; n < maxNew && !unwrittenAlarms.isEmpty(); n++) {
        Map.Entry<Integer, EngineSnapshot.AlarmSnapshot> e = unwrittenAlarms.pollFirstEntry();
        alarms.put(e.getKey(), e.getValue());
        newAlarms.add(e.getKey());
      }
    }
    for (Map.Entry<Integer, EngineSnapshot.AlarmSnapshot> e : alarms.entrySet()) {
      int ord = e.getKey();
      EngineSnapshot.AlarmSnapshot a = e.getValue();
      AlarmId id = new AlarmId(a.env(), a.alarmName());
      AlarmRow old = base.alarms.get(id);
      if (old == null && newAlarms.contains(ord)) {
        History after = d.history(History.EMPTY, a);
        AlarmRow row = AlarmRow.of(ord, a, after.firstId());
        d.alarmUpserts.add(new AlarmUpsert(id, row));
        d.pendingAlarms.put(id, row);
        d.pendingHistory.put(id, after);
        continue;
      }
      if (old == null || old.ord() != ord) {
        throw new IllegalStateException("the changes do not fit the committed state");
      }
      History before = base.history.getOrDefault(id, History.EMPTY);
      History after = d.history(before, a);
      AlarmRow row = AlarmRow.of(ord, a, after.firstId());
      if (!row.equals(old)) {
        if (row.equals(old.evaluatedAt(row.lastEvaluatedMillis()))) {
          d.evaluatedOnly.add(
              new Evaluated(id, old.lastEvaluatedMillis(), row.lastEvaluatedMillis()));
        } else if (row.spec() == old.spec() || row.spec().equals(old.spec())) {
          d.alarmStateUpdates.add(new AlarmUpsert(id, row));
        } else {
          d.alarmUpserts.add(new AlarmUpsert(id, row));
        }
      }
      d.pendingAlarms.put(id, row);
      d.pendingHistory.put(id, after);
    }
    SortedMap<Integer, EngineSnapshot.SeriesSnapshot> series = changes.series();
    if (!unwrittenSeries.isEmpty()) {
      series = new TreeMap<>(series);
      series.keySet().forEach(unwrittenSeries::remove);
      for (int n = 0; n < maxNew && !unwrittenSeries.isEmpty(); n++) {
        Map.Entry<Integer, EngineSnapshot.SeriesSnapshot> e = unwrittenSeries.pollFirstEntry();
        series.put(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<Integer, EngineSnapshot.SeriesSnapshot> e : series.entrySet()) {
      d.series(base, e.getKey(), e.getValue());
    }
    if (d.evaluatedOnly.size() >= SINGLE_UPDATE_GROUP) {
      // a whole boundary's alarms may be one UPDATE: count the committed alarms by their last
      // evaluation (only then: every commit of a boundary in slices has a few evaluated ones)
      for (AlarmRow r : base.alarms.values()) {
        d.evaluatedBefore.merge(r.lastEvaluatedMillis(), 1, Integer::sum);
      }
    }
    base.alarms.putAll(d.pendingAlarms);
    base.history.putAll(d.pendingHistory);
    d.checkpoints(base, checkpoints);
    d.header(base, now, changes.nextBoundaryMillis());
    return d;
  }

  private final Map<AlarmId, AlarmRow> pendingAlarms = new HashMap<>();
  private final Map<AlarmId, History> pendingHistory = new HashMap<>();

  private void checkpoints(Committed base, Map<String, SourceCheckpoint> checkpoints) {
    checkpoints.forEach(
        (key, cp) -> {
          if (!cp.equals(base.checkpoints.get(key))) {
            checkpointUpserts.put(key, cp);
            next.checkpoints.put(key, cp);
          }
        });
  }

  private void header(Committed base, Instant now, long nextBoundary) {
    next.hasMeta = true;
    next.commitSeq = base.commitSeq + 1;
    next.committedAt = now;
    next.nextBoundary = nextBoundary;
  }

  private void alarms(Committed base, EngineSnapshot snapshot, Instant now, int maxNew) {
    Set<AlarmId> seen = new HashSet<>();
    List<EngineSnapshot.AlarmSnapshot> alarms = snapshot.alarms();
    int written = 0;
    for (int i = 0; i < alarms.size(); i++) {
      EngineSnapshot.AlarmSnapshot a = alarms.get(i);
      AlarmId id = new AlarmId(a.env(), a.alarmName());
      seen.add(id);
      if (!base.alarms.containsKey(id) && asCreated(a) && written++ >= maxNew) {
        unwrittenAlarms.put(i, a);
        continue;
      }
      History before = base.history.getOrDefault(id, History.EMPTY);
      History after = history(before, a);
      AlarmRow row = AlarmRow.of(i, a, after.firstId());
      if (!row.equals(base.alarms.get(id))) {
        alarmUpserts.add(new AlarmUpsert(id, row));
        next.alarms.put(id, row);
      }
      next.history.put(id, after);
    }
    for (Map.Entry<AlarmId, AlarmRow> e : base.alarms.entrySet()) {
      AlarmId id = e.getKey();
      if (seen.contains(id)) {
        continue;
      }
      AlarmRow row = e.getValue();
      alarmRemovals.add(new AlarmRemoval(id, now));
      historyInserts.add(
          new HistoryInsert(
              next.nextHistoryId++,
              id.env(),
              new HistoryItem(
                  id.alarmName(),
                  "MetricAlarm",
                  now,
                  HistoryItem.Type.ConfigurationUpdate,
                  "Alarm \"" + id.alarmName() + "\" deleted",
                  StateJson.deleted(row.spec(), row.state()))));
      next.alarms.remove(id);
      next.history.remove(id);
    }
  }

  /** The alarm's new committed history; queues inserts for the items it did not have. */
  private History history(History before, EngineSnapshot.AlarmSnapshot a) {
    List<HistoryItem> items = a.history();
    int kept = retained(before.items(), items);
    if (kept == before.items().size() && kept == items.size()) {
      return new History(items, before.ids(), a.configuredMillis());
    }
    long[] ids = new long[items.size()];
    System.arraycopy(before.ids(), before.ids().length - kept, ids, 0, kept);
    for (int j = kept; j < items.size(); j++) {
      ids[j] = next.nextHistoryId++;
      historyInserts.add(new HistoryInsert(ids[j], a.env(), items.get(j)));
    }
    return new History(items, ids, a.configuredMillis());
  }

  /**
   * How many items at the start of {@code now} are the last items of {@code before} (the rest of
   * {@code now} is new; see the class comment).
   */
  static int retained(List<HistoryItem> before, List<HistoryItem> now) {
    int a = before.size();
    int b = now.size();
    if (a == 0 || b == 0) {
      return 0;
    }
    HistoryItem last = before.get(a - 1);
    for (int i = b - 1; i >= 0; i--) {
      if (now.get(i) == last) {
        if (i + 1 <= a) {
          return i + 1;
        }
        break;
      }
    }
    HistoryItem first = now.get(0);
    for (int j = Math.max(0, a - b); j < a; j++) {
      if (before.get(j).equals(first) && before.subList(j, a).equals(now.subList(0, a - j))) {
        return a - j;
      }
    }
    return 0;
  }

  /**
   * Whether the alarm is exactly as the engine created it: a database without it restores it as
   * new, which is what it is (see {@link #unwrittenAlarms}).
   */
  private static boolean asCreated(EngineSnapshot.AlarmSnapshot a) {
    return a.state() == AlarmState.INSUFFICIENT_DATA
        && a.lastEvaluatedMillis() == Long.MIN_VALUE
        && a.matchedEvents() == 0
        && a.history().size() <= 1;
  }

  private void series(Committed base, EngineSnapshot snapshot, int maxNew) {
    Set<String> seen = new HashSet<>();
    List<EngineSnapshot.SeriesSnapshot> all = snapshot.series();
    int written = 0;
    for (int i = 0; i < all.size(); i++) {
      EngineSnapshot.SeriesSnapshot s = all.get(i);
      if (s.buckets().isEmpty() && maxNew != Integer.MAX_VALUE) {
        // a fresh database: no key to look up (its JSON is made when the series is written)
        SeriesRow old = base.series.isEmpty() ? null : base.series.get(
            next.seriesKey(s.key(), s.unit()));
        if ((old == null || old.ord() == null) && written++ >= maxNew) {
          unwrittenSeries.put(i, s);
          continue;
        }
      }
      if (!seen.add(series(base, i, s))) {
        throw new IllegalArgumentException(
            "engine: series " + s.key() + " (unit " + s.unit() + ") appears twice in the snapshot");
      }
    }
    for (SeriesRow old : base.series.values()) {
      if (old.ord() != null && !seen.contains(old.key())) {
        SeriesRow gone =
            new SeriesRow(old.id(), old.key(), old.metric(), old.unit(), null, Committed.NOT_LIVE);
        seriesUpserts.add(gone);
        next.series.put(old.key(), gone);
        next.buckets.remove(old.id());
      }
    }
  }

  /** The rows of series {@code s} at position {@code i}; returns its key. */
  private String series(Committed base, int i, EngineSnapshot.SeriesSnapshot s) {
    String key = next.seriesKey(s.key(), s.unit());
    SeriesRow old = base.series.get(key);
    Map<Long, EngineSnapshot.Bucket> buckets = new HashMap<>();
    long liveFrom = Committed.NOT_LIVE;
    for (EngineSnapshot.Bucket b : s.buckets()) {
      buckets.put(b.startMillis(), b);
      liveFrom = Math.min(liveFrom, b.startMillis());
    }
    long id = old != null ? old.id() : next.nextSeriesId++;
    SeriesRow row = new SeriesRow(id, key, s.key(), s.unit(), i, liveFrom);
    boolean wasLive = old != null && old.ord() != null;
    Map<Long, EngineSnapshot.Bucket> before =
        wasLive ? base.buckets.getOrDefault(id, Map.of()) : Map.of();
    long oldLiveFrom = wasLive ? old.liveFrom() : Committed.NOT_LIVE;
    if (!row.equals(old)) {
      seriesUpserts.add(row);
      next.series.put(key, row);
    }
    if (liveFrom < oldLiveFrom) {
      bucketRangeDeletes.add(new long[] {id, liveFrom, oldLiveFrom});
    }
    for (Long start : before.keySet()) {
      if (start >= liveFrom && start >= oldLiveFrom && !buckets.containsKey(start)) {
        bucketDeletes.add(new long[] {id, start});
      }
    }
    for (EngineSnapshot.Bucket b : s.buckets()) {
      if (b.startMillis() < oldLiveFrom || !b.equals(before.get(b.startMillis()))) {
        bucketUpserts.add(new BucketUpsert(id, b));
      }
    }
    next.buckets.put(id, buckets);
    return key;
  }
}
