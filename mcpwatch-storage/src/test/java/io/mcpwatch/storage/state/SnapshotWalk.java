package io.mcpwatch.storage.state;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.metrics.MetricKey;
import io.mcpwatch.notify.OutboxItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A random walk over engine snapshots that changes them the way the engine does: history items
 * appended at the end and dropped from the front (the same objects from snapshot to snapshot, now
 * and then replaced by equal copies), buckets updated, added (also before the first one) and
 * evicted from the front, alarms and series added, removed, re-ordered and (series) watched again.
 * Doubles include -0.0, NaN and infinities. Each {@link #step} returns the commit for it; the walk
 * keeps what a load should return.
 */
final class SnapshotWalk {

  private static final double[] SPECIAL = {
    -0.0,
    0.0,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MIN_VALUE,
    -Double.MAX_VALUE,
    0.1 + 0.2
  };

  private final Random r;
  private long now = Fixtures.T0.toEpochMilli();
  private long nextBoundary;
  private int names;
  private int outboxCounter;
  private int steps;
  private final List<AlarmModel> alarms = new ArrayList<>();
  private final List<SeriesModel> series = new ArrayList<>();
  private final List<SeriesModel> retired = new ArrayList<>();

  /** Every checkpoint committed so far, as a load returns them. */
  final Map<String, SourceCheckpoint> checkpoints = new TreeMap<>();

  /** Every outbox id committed so far. */
  final TreeSet<String> outboxIds = new TreeSet<>();

  /** The engine part of the last step. */
  @Nullable EngineSnapshot last;

  SnapshotWalk(long seed) {
    r = new Random(seed);
    for (int i = 0; i < 3; i++) {
      addAlarm();
    }
    addSeries();
    addSeries();
  }

  StateCommit step() {
    steps++;
    now += 1000 + r.nextInt(90_000);
    nextBoundary = Math.floorDiv(now, 60_000L) * 60_000L + 60_000L;
    if (r.nextDouble() < 0.1) {
      addAlarm();
    }
    if (r.nextDouble() < 0.06 && alarms.size() > 1) {
      alarms.remove(r.nextInt(alarms.size()));
    }
    if (r.nextDouble() < 0.1 && alarms.size() > 1) {
      java.util.Collections.swap(alarms, 0, alarms.size() - 1);
    }
    alarms.forEach(this::change);
    if (r.nextDouble() < 0.08) {
      if (!retired.isEmpty() && r.nextBoolean()) {
        SeriesModel back = retired.remove(r.nextInt(retired.size()));
        back.buckets.clear();
        series.add(back);
      } else {
        addSeries();
      }
    }
    if (r.nextDouble() < 0.05 && series.size() > 1) {
      retired.add(series.remove(r.nextInt(series.size())));
    }
    series.forEach(this::change);
    Map<String, SourceCheckpoint> changed = new LinkedHashMap<>();
    if (r.nextDouble() < 0.7) {
      changed.put(
          "tail:app",
          SourceCheckpoint.files(
              List.of(
                  Fixtures.file("/var/log/app.log", steps * 100L),
                  Fixtures.file("/var/log/app.log.1", 4096))));
    }
    if (r.nextDouble() < 0.2) {
      changed.put("stdin", SourceCheckpoint.opaque("{\"lines\":" + steps + "}"));
    }
    if (r.nextDouble() < 0.05) {
      changed.put("tail:empty", SourceCheckpoint.files(List.of()));
    }
    checkpoints.putAll(changed);
    List<OutboxItem> outbox = new ArrayList<>();
    for (int i = r.nextDouble() < 0.3 ? 1 + r.nextInt(2) : 0; i > 0; i--) {
      String id = "o-" + (++outboxCounter);
      outbox.add(Fixtures.outboxItem(id, Instant.ofEpochMilli(now), "a0"));
      outboxIds.add(id);
    }
    if (r.nextDouble() < 0.1 && outboxCounter > 0) {
      outbox.add(Fixtures.outboxItem("o-1", Instant.ofEpochMilli(now), "repeat")); // ignored
    }
    last = snapshot();
    return new StateCommit(last, changed, outbox);
  }

  private EngineSnapshot snapshot() {
    List<EngineSnapshot.AlarmSnapshot> as = new ArrayList<>();
    for (AlarmModel a : alarms) {
      a.seen(a.history);
      as.add(
          new EngineSnapshot.AlarmSnapshot(
              a.env,
              a.name,
              a.spec,
              a.state,
              a.reason,
              a.reasonData,
              a.transitioned,
              a.lastEvaluated,
              a.matched,
              a.configured(),
              List.copyOf(a.history)));
    }
    List<EngineSnapshot.SeriesSnapshot> ss = new ArrayList<>();
    for (SeriesModel s : series) {
      ss.add(new EngineSnapshot.SeriesSnapshot(s.key, s.unit, List.copyOf(s.buckets.values())));
    }
    return new EngineSnapshot(nextBoundary, as, ss);
  }

  private void addAlarm() {
    String name = "a" + names++;
    AlarmModel a =
        new AlarmModel(
            r.nextBoolean() ? "prod" : "dev",
            name,
            Fixtures.spec(name, r.nextBoolean() ? 60 : 10, 1 + r.nextInt(5), r.nextInt(10)));
    a.transitioned = now;
    a.history.add(
        new HistoryItem(
            name,
            "MetricAlarm",
            Instant.ofEpochMilli(now),
            HistoryItem.Type.ConfigurationUpdate,
            "Alarm \"" + name + "\" created",
            "{}"));
    alarms.add(a);
  }

  private void change(AlarmModel a) {
    if (r.nextDouble() < 0.3) {
      AlarmState old = a.state;
      a.state = AlarmState.values()[r.nextInt(3)];
      a.reason = "Threshold Crossed: " + r.nextInt(100);
      a.reasonData = r.nextBoolean() ? "{\"v\":" + r.nextInt(9) + "}" : null;
      a.transitioned = now;
      a.history.add(
          Fixtures.item(
              a.name, Instant.ofEpochMilli(now), "Alarm updated from " + old + " to " + a.state));
    }
    if (r.nextDouble() < 0.1 && !a.history.isEmpty()) {
      HistoryItem h = a.history.get(a.history.size() - 1);
      a.history.add(
          new HistoryItem(
              h.alarmName(),
              h.alarmType(),
              h.timestamp(),
              h.type(),
              h.summary(),
              h.data())); // an equal duplicate
    }
    if (r.nextDouble() < 0.15 && !a.history.isEmpty()) {
      a.history.subList(0, 1 + r.nextInt(a.history.size())).clear();
    }
    if (r.nextDouble() < 0.05) {
      List<HistoryItem> copies = new ArrayList<>();
      for (HistoryItem h : a.history) {
        copies.add(
            new HistoryItem(
                h.alarmName(), h.alarmType(), h.timestamp(), h.type(), h.summary(), h.data()));
      }
      a.history.clear();
      a.history.addAll(copies);
    }
    if (r.nextDouble() < 0.05) {
      a.spec =
          Fixtures.spec(
              a.name, a.spec.periodSeconds(), a.spec.evaluationPeriods(), a.spec.threshold() + 1);
    }
    a.matched += r.nextInt(3);
    if (r.nextBoolean()) {
      a.lastEvaluated = nextBoundary - 60_000L;
    }
  }

  private void addSeries() {
    int n = series.size() + retired.size();
    series.add(
        new SeriesModel(
            Fixtures.metric(n % 2 == 0 ? "prod" : "dev", "s" + n), n % 3 == 0 ? "Count" : null));
  }

  private void change(SeriesModel s) {
    long minute = Math.floorDiv(now, 60_000L) * 60_000L;
    for (int k = r.nextInt(4); k > 0; k--) {
      long start = minute - 60_000L * r.nextInt(5) + (r.nextInt(4) == 0 ? 10_000L : 0);
      double v = r.nextInt(5) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : r.nextGaussian();
      EngineSnapshot.Bucket b = s.buckets.get(start);
      s.buckets.put(
          start,
          b == null
              ? new EngineSnapshot.Bucket(start, v, 1, v, v)
              : new EngineSnapshot.Bucket(
                  start, b.sum() + v, b.count() + 1, Math.min(b.min(), v), Math.max(b.max(), v)));
    }
    if (r.nextDouble() < 0.05 && !s.buckets.isEmpty()) {
      long start = s.buckets.firstKey() - 60_000L * (1 + r.nextInt(3));
      s.buckets.put(start, new EngineSnapshot.Bucket(start, 1, 1, 1, 1));
    }
    if (r.nextDouble() < 0.15) {
      for (int k = 1 + r.nextInt(3); k > 0 && !s.buckets.isEmpty(); k--) {
        s.buckets.pollFirstEntry();
      }
    }
  }

  private static final class AlarmModel {
    final String env;
    final String name;
    AlarmSpec spec;
    AlarmState state = AlarmState.INSUFFICIENT_DATA;
    String reason = "Unchecked: Initial alarm creation";
    @Nullable String reasonData;
    long transitioned;
    long lastEvaluated = Long.MIN_VALUE;
    long matched;
    final List<HistoryItem> history = new ArrayList<>();
    // what the store derives the configuration time from: the newest ConfigurationUpdate item it
    // ever stored for the alarm (the walk's items come and go), else as the snapshot derives it
    long newestConfigured = Long.MIN_VALUE;

    AlarmModel(String env, String name, AlarmSpec spec) {
      this.env = env;
      this.name = name;
      this.spec = spec;
    }

    /** Records the items of a snapshot (every snapshot of the walk is committed). */
    void seen(List<HistoryItem> items) {
      for (int i = items.size() - 1; i >= 0; i--) {
        if (items.get(i).type() == HistoryItem.Type.ConfigurationUpdate) {
          newestConfigured = items.get(i).timestamp().toEpochMilli();
          break;
        }
      }
    }

    long configured() {
      return newestConfigured != Long.MIN_VALUE
          ? newestConfigured
          : EngineSnapshot.AlarmSnapshot.configuredMillis(history, transitioned);
    }
  }

  private static final class SeriesModel {
    final MetricKey key;
    final @Nullable String unit;
    final TreeMap<Long, EngineSnapshot.Bucket> buckets = new TreeMap<>();

    SeriesModel(MetricKey key, @Nullable String unit) {
      this.key = key;
      this.unit = unit;
    }
  }
}
