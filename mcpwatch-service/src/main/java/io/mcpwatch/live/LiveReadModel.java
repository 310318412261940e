package io.mcpwatch.live;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.aws.cloudwatch.AlarmView;
import io.mcpwatch.aws.cloudwatch.CloudWatchReadModel;
import io.mcpwatch.aws.cloudwatch.MetricId;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.state.StatusReader;
import io.mcpwatch.storage.state.StatusReport;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The CloudWatch read side of the running service: what {@code mcpwatch status} reads (the last
 * commit, through a second, read-only connection) joined with the configuration. Datapoints are
 * the minute aggregates the engine keeps for its evaluation ranges (N + 2 periods per alarm), so
 * GetMetricData sees the recent past only. SetAlarmState goes to the engine thread.
 */
final class LiveReadModel implements CloudWatchReadModel, AutoCloseable {
  private static final int HISTORY_LIMIT = 500;

  private final DatabaseConfig config;
  private final Supplier<List<ResolvedAlarm>> alarms;
  private final int extraRangeDatapoints;
  private final InstantSource clock;
  private final Instant configured;
  private final EngineLoop loop;
  private @Nullable Database db;
  private boolean closed;

  LiveReadModel(
      DatabaseConfig config,
      Supplier<List<ResolvedAlarm>> alarms,
      int extraRangeDatapoints,
      InstantSource clock,
      EngineLoop loop) {
    this.config = config;
    this.alarms = alarms;
    this.extraRangeDatapoints = extraRangeDatapoints;
    this.clock = clock;
    this.configured = clock.instant();
    this.loop = loop;
  }

  private synchronized Database db() {
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

  private StatusReport report() {
    return new StatusReader(db()).report(clock.instant(), extraRangeDatapoints, 4);
  }

  private static String key(String env, String name) {
    return env + '\u0000' + name;
  }

  @Override
  public List<AlarmView> alarms() {
    Map<String, io.mcpwatch.storage.state.AlarmView> stored = new HashMap<>();
    for (io.mcpwatch.storage.state.AlarmView v : report().alarms()) {
      stored.put(key(v.env(), v.alarmName()), v);
    }
    Map<String, AlarmView> out = new TreeMap<>();
    for (ResolvedAlarm a : alarms.get()) {
      io.mcpwatch.storage.state.AlarmView v = stored.get(key(a.env(), a.spec().alarmName()));
      AlarmView view =
          v == null
              ? new AlarmView(a.spec(), AlarmState.INSUFFICIENT_DATA,
                  "Unchecked: Initial alarm creation", null, configured, configured, configured)
              : new AlarmView(a.spec(), v.state(), v.reason(), v.reasonData(), v.lastTransition(),
                  v.lastTransition(), configured);
      out.putIfAbsent(a.spec().alarmName() + '\u0000' + a.env(), view);
    }
    return List.copyOf(out.values());
  }

  @Override
  public List<HistoryItem> history(@Nullable String alarmName) {
    StatusReader reader = new StatusReader(db());
    List<HistoryItem> out = new ArrayList<>();
    for (ResolvedAlarm a : alarms.get()) {
      if (alarmName == null || a.spec().alarmName().equals(alarmName)) {
        out.addAll(reader.history(a.env(), a.spec().alarmName(), HISTORY_LIMIT));
      }
    }
    return out;
  }

  @Override
  public List<MetricId> metrics() {
    Set<MetricId> out = new LinkedHashSet<>();
    for (ResolvedAlarm a : alarms.get()) {
      out.add(new MetricId(a.spec().namespace(), a.spec().metricName(), a.spec().dimensions()));
    }
    return List.copyOf(out);
  }

  @Override
  public List<MinuteAggregate> minutes(MetricId metric, Instant from, Instant to) {
    Set<String> watching = new java.util.HashSet<>();
    for (ResolvedAlarm a : alarms.get()) {
      if (new MetricId(a.spec().namespace(), a.spec().metricName(), a.spec().dimensions())
          .equals(metric)) {
        watching.add(key(a.env(), a.spec().alarmName()));
      }
    }
    TreeMap<Instant, MinuteAggregate> byStart = new TreeMap<>();
    for (io.mcpwatch.storage.state.AlarmView v : report().alarms()) {
      if (!watching.contains(key(v.env(), v.alarmName()))) {
        continue;
      }
      for (MinuteAggregate m : v.minutes()) {
        if (!m.start().isBefore(from) && m.start().isBefore(to)) {
          byStart.putIfAbsent(m.start(), m);
        }
      }
    }
    return List.copyOf(byStart.values());
  }

  @Override
  public boolean setAlarmState(
      String alarmName, AlarmState state, String reason, @Nullable String reasonDataJson) {
    boolean known = alarms.get().stream().anyMatch(a -> a.spec().alarmName().equals(alarmName));
    if (known) {
      loop.setAlarmState(alarmName, state, reason, reasonDataJson);
    }
    return known;
  }

  @Override
  public synchronized void close() {
    closed = true;
    Database d = db;
    db = null;
    if (d != null) {
      d.close();
    }
  }
}
