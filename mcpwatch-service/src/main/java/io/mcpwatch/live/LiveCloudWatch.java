package io.mcpwatch.live;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.aws.cloudwatch.AlarmView;
import io.mcpwatch.aws.cloudwatch.CloudWatchReadModel;
import io.mcpwatch.aws.cloudwatch.MetricId;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.metrics.MetricKey;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.readmodel.AlarmPage;
import io.mcpwatch.readmodel.AlarmQuery;
import io.mcpwatch.readmodel.AlarmSummary;
import io.mcpwatch.readmodel.HistoryEntry;
import io.mcpwatch.readmodel.ReadModel;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The CloudWatch read side of the running service, over the service's one {@link ReadModel} (the
 * same alarm list, history and stored minute datapoints the console shows), in the shapes of
 * {@code mcpwatch-aws}. SetAlarmState goes to the engine thread.
 */
final class LiveCloudWatch implements CloudWatchReadModel {
  private static final int HISTORY_LIMIT = 500;

  private final ReadModel model;
  private final Supplier<List<ResolvedAlarm>> alarms;
  private final Instant configured;
  private final EngineLoop loop;

  LiveCloudWatch(
      ReadModel model, Supplier<List<ResolvedAlarm>> alarms, InstantSource clock, EngineLoop loop) {
    this.model = model;
    this.alarms = alarms;
    this.configured = clock.instant();
    this.loop = loop;
  }

  @Override
  public List<AlarmView> alarms() {
    Map<String, AlarmView> out = new TreeMap<>();
    int offset = 0;
    while (true) {
      AlarmPage page =
          model.alarms(new AlarmQuery(null, null, null, null, offset, AlarmQuery.MAX_LIMIT));
      for (AlarmSummary a : page.items()) {
        out.putIfAbsent(
            a.name() + '\u0000' + a.env(),
            new AlarmView(a.spec(), a.state(), a.reason(), a.reasonData(), a.stateSince(),
                a.stateSince(), configured));
      }
      offset += page.items().size();
      if (page.items().isEmpty() || offset >= page.total()) {
        return List.copyOf(out.values());
      }
    }
  }

  @Override
  public List<HistoryItem> history(@Nullable String alarmName) {
    List<HistoryItem> out = new ArrayList<>();
    for (ResolvedAlarm a : alarms.get()) {
      if (alarmName == null || a.spec().alarmName().equals(alarmName)) {
        for (HistoryEntry e : model.history(a.env(), a.spec().alarmName(), HISTORY_LIMIT)) {
          out.add(e.item());
        }
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
    Set<MetricKey> keys = new LinkedHashSet<>();
    for (ResolvedAlarm a : alarms.get()) {
      if (new MetricId(a.spec().namespace(), a.spec().metricName(), a.spec().dimensions())
          .equals(metric)) {
        keys.add(new MetricKey(a.env(), metric.namespace(), metric.metricName(), metric.dimensions()));
      }
    }
    TreeMap<Instant, MinuteAggregate> byStart = new TreeMap<>();
    for (MetricKey k : keys) {
      for (MinuteAggregate m : model.datapoints(k, from, to)) {
        byStart.putIfAbsent(m.start(), m);
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
}
