package io.mcpwatch.server.console;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.metrics.MetricKey;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.notify.TriggerLine;
import io.mcpwatch.readmodel.AlarmPage;
import io.mcpwatch.readmodel.AlarmQuery;
import io.mcpwatch.readmodel.AlarmSummary;
import io.mcpwatch.readmodel.HistoryEntry;
import io.mcpwatch.readmodel.ReadModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** An in-memory read model: what a test puts in is what the console shows. */
public final class FakeReadModel implements ReadModel {
  public final List<AlarmSummary> alarms = new ArrayList<>();
  public final Map<MetricKey, List<MinuteAggregate>> minutes = new HashMap<>();
  public final Map<String, List<HistoryEntry>> history = new HashMap<>();
  public final Map<String, List<TriggerLine>> lines = new HashMap<>();
  public final AtomicLong version = new AtomicLong(1);
  public int datapointQueries;

  public static AlarmSummary alarm(
      String env, String name, AlarmState state, double threshold, Instant since) {
    AlarmSpec spec =
        new AlarmSpec(
            name,
            null,
            "MCP/Security",
            "Errors-" + name,
            Map.of("MCP", "teams"),
            Statistic.Sum,
            60,
            3,
            2,
            ComparisonOperator.GreaterThanOrEqualToThreshold,
            threshold,
            TreatMissingData.notBreaching,
            true,
            List.of("arn:aws:sns:eu-west-1:1:alarms"),
            List.of(),
            List.of(),
            null);
    return new AlarmSummary(
        env, "teams", "/ecs/" + env + "/teams", "\"OBO token exchange failed\"", spec, state,
        "Threshold Crossed: " + name, null, since, null, 0);
  }

  @Override
  public long version() {
    return version.get();
  }

  @Override
  public AlarmPage alarms(AlarmQuery query) {
    List<AlarmSummary> sorted = new ArrayList<>(alarms);
    sorted.sort(AlarmSummary.ALARM_FIRST);
    List<AlarmSummary> page = new ArrayList<>();
    Map<AlarmState, Integer> counts = new EnumMap<>(AlarmState.class);
    TreeSet<String> envs = new TreeSet<>();
    TreeSet<String> apps = new TreeSet<>();
    int total = 0;
    for (AlarmSummary a : sorted) {
      envs.add(a.env());
      apps.add(a.app());
      if (!query.matches(a)) {
        continue;
      }
      counts.merge(a.state(), 1, Integer::sum);
      if (total >= query.offset() && page.size() < query.limit()) {
        page.add(a);
      }
      total++;
    }
    return new AlarmPage(page, total, counts, List.copyOf(envs), List.copyOf(apps), version());
  }

  @Override
  public Optional<AlarmSummary> alarm(@Nullable String env, String alarmName) {
    return alarms.stream()
        .filter(a -> a.name().equals(alarmName) && (env == null || env.equals(a.env())))
        .findFirst();
  }

  @Override
  public List<HistoryEntry> history(String env, String alarmName, int limit) {
    return history.getOrDefault(alarmName, List.of());
  }

  @Override
  public List<MinuteAggregate> datapoints(MetricKey metric, Instant from, Instant to) {
    datapointQueries++;
    List<MinuteAggregate> out = new ArrayList<>();
    for (MinuteAggregate m : minutes.getOrDefault(metric, List.of())) {
      if (!m.start().isBefore(from) && m.start().isBefore(to)) {
        out.add(m);
      }
    }
    return out;
  }

  @Override
  public List<TriggerLine> triggerLines(String env, String alarmName) {
    return lines.getOrDefault(alarmName, List.of());
  }
}
