package io.mcpwatch.live;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.metrics.MetricKey;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.notify.TriggerLine;
import io.mcpwatch.readmodel.AlarmPage;
import io.mcpwatch.readmodel.AlarmQuery;
import io.mcpwatch.readmodel.AlarmSummary;
import io.mcpwatch.readmodel.Delivery;
import io.mcpwatch.readmodel.HistoryEntry;
import io.mcpwatch.readmodel.ReadModel;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.state.ReadQueries;
import io.mcpwatch.storage.state.StatusReader;
import io.mcpwatch.storage.state.StoredAlarm;
import io.mcpwatch.storage.state.StoredDelivery;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The live service's {@link ReadModel}: reads its own database through a second, read-only
 * connection (opened on first use) and caches the alarm list, rebuilt at most once per commit (the
 * engine thread calls {@link #committed()}), so listing, filtering and paging 10,000 alarms is an
 * in-memory scan and a page view never holds the engine's commits up. History, deliveries and
 * datapoints are read per request (indexed, small).
 */
final class LiveReadModel implements ReadModel, AutoCloseable {
  private static final int DELIVERIES_PER_HISTORY = 500;

  private final DatabaseConfig config;
  private final Supplier<List<ResolvedAlarm>> alarms;
  private final BiFunction<String, String, List<TriggerLine>> triggerLines;
  private final InstantSource clock;
  private final AtomicLong version = new AtomicLong(1);
  private @Nullable Database db;
  private @Nullable ReadQueries queries;
  private @Nullable Snapshot cached;
  private boolean closed;

  /** The alarm list of one version, sorted ALARM first. */
  private record Snapshot(
      long version,
      List<AlarmSummary> sorted,
      Map<String, List<AlarmSummary>> byName,
      List<String> envs,
      List<String> apps) {}

  LiveReadModel(
      DatabaseConfig config,
      Supplier<List<ResolvedAlarm>> alarms,
      BiFunction<String, String, List<TriggerLine>> triggerLines,
      InstantSource clock) {
    this.config = config;
    this.alarms = alarms;
    this.triggerLines = triggerLines;
    this.clock = clock;
  }

  /** A commit happened: the next read rebuilds the alarm list. Any thread; cheap. */
  void committed() {
    version.incrementAndGet();
  }

  @Override
  public long version() {
    return version.get();
  }

  @Override
  public AlarmPage alarms(AlarmQuery query) {
    Snapshot s = snapshot();
    List<AlarmSummary> page = new ArrayList<>(Math.min(query.limit(), 64));
    Map<AlarmState, Integer> counts = new EnumMap<>(AlarmState.class);
    int total = 0;
    for (AlarmSummary a : s.sorted) {
      if (!query.matches(a)) {
        continue;
      }
      counts.merge(a.state(), 1, Integer::sum);
      if (total >= query.offset() && page.size() < query.limit()) {
        page.add(a);
      }
      total++;
    }
    return new AlarmPage(page, total, counts, s.envs, s.apps, s.version);
  }

  @Override
  public Optional<AlarmSummary> alarm(@Nullable String env, String alarmName) {
    for (AlarmSummary a : snapshot().byName.getOrDefault(alarmName, List.of())) {
      if (env == null || env.equals(a.env())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  @Override
  public List<HistoryEntry> history(String env, String alarmName, int limit) {
    Database d = database();
    List<HistoryItem> items = new StatusReader(d).history(env, alarmName, limit);
    List<StoredDelivery> deliveries = queries().deliveries(alarmName, DELIVERIES_PER_HISTORY);
    // each notification belongs to the newest transition at or before it was planned
    Map<Integer, List<Delivery>> byItem = new HashMap<>();
    for (int k = deliveries.size() - 1; k >= 0; k--) {
      StoredDelivery sd = deliveries.get(k);
      for (int i = 0; i < items.size(); i++) {
        HistoryItem h = items.get(i);
        if (h.type() == HistoryItem.Type.StateUpdate && !h.timestamp().isAfter(sd.createdAt())) {
          byItem
              .computeIfAbsent(i, x -> new ArrayList<>())
              .add(
                  new Delivery(
                      sd.protocol(),
                      sd.endpoint(),
                      sd.createdAt(),
                      sd.status(),
                      sd.attempts(),
                      sd.lastError()));
          break;
        }
      }
    }
    List<HistoryEntry> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(new HistoryEntry(items.get(i), byItem.getOrDefault(i, List.of())));
    }
    return out;
  }

  @Override
  public List<MinuteAggregate> datapoints(MetricKey metric, Instant from, Instant to) {
    return queries().minutes(metric, from, to);
  }

  @Override
  public List<TriggerLine> triggerLines(String env, String alarmName) {
    return triggerLines.apply(env, alarmName);
  }

  private synchronized Snapshot snapshot() {
    long v = version.get();
    Snapshot s = cached;
    if (s != null && s.version == v) {
      return s;
    }
    List<StoredAlarm> stored = queries().alarms();
    Map<String, StoredAlarm> byKey = new HashMap<>(stored.size() * 2);
    for (StoredAlarm a : stored) {
      byKey.put(a.env() + '\u0000' + a.alarmName(), a);
    }
    Instant now = clock.instant();
    List<ResolvedAlarm> configured = alarms.get();
    List<AlarmSummary> all = new ArrayList<>(configured.size());
    TreeSet<String> envs = new TreeSet<>();
    TreeSet<String> apps = new TreeSet<>();
    for (ResolvedAlarm r : configured) {
      StoredAlarm st = byKey.get(r.env() + '\u0000' + r.spec().alarmName());
      envs.add(r.env());
      apps.add(r.app());
      all.add(
          new AlarmSummary(
              r.env(),
              r.app(),
              r.logGroup(),
              r.filter().pattern().text(),
              r.spec(),
              st == null ? AlarmState.INSUFFICIENT_DATA : st.state(),
              st == null ? "Not evaluated yet" : st.reason(),
              st == null ? null : st.reasonData(),
              st == null ? now : st.stateSince(),
              st == null ? null : st.lastEvaluated(),
              st == null ? 0 : st.matchedEvents()));
    }
    List<AlarmSummary> sorted = new ArrayList<>(all);
    sorted.sort(AlarmSummary.ALARM_FIRST);
    Map<String, List<AlarmSummary>> byName = new HashMap<>(all.size() * 2);
    for (AlarmSummary a : all) { // configuration order within a name
      byName.computeIfAbsent(a.name(), x -> new ArrayList<>(1)).add(a);
    }
    s =
        new Snapshot(
            v, List.copyOf(sorted), byName, List.copyOf(envs), List.copyOf(apps));
    cached = s;
    return s;
  }

  private synchronized ReadQueries queries() {
    ReadQueries q = queries;
    if (q == null) {
      q = new ReadQueries(database());
      queries = q;
    }
    return q;
  }

  private synchronized Database database() {
    if (closed) {
      throw new IllegalStateException("the service is stopping");
    }
    Database d = db;
    if (d == null) {
      d = Database.openReadOnly(config);
      db = d;
    }
    return d;
  }

  @Override
  public synchronized void close() {
    closed = true;
    cached = null;
    Database d = db;
    db = null;
    queries = null;
    if (d != null) {
      d.close();
    }
  }
}
