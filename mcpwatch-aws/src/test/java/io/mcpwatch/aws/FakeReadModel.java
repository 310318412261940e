package io.mcpwatch.aws;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.aws.cloudwatch.AlarmView;
import io.mcpwatch.aws.cloudwatch.CloudWatchReadModel;
import io.mcpwatch.aws.cloudwatch.MetricId;
import io.mcpwatch.metrics.MinuteAggregate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Two alarms, their metrics with a known minute series, and three history items. The minute
 * series of {@code Denied{MCP=github}}: at {@link #base} + i minutes (i = 0..9) sum i+1 over i+1
 * samples of 1.0.
 */
final class FakeReadModel implements CloudWatchReadModel {
  static final MetricId DENIED = new MetricId("MCP/Security", "Denied", Map.of("MCP", "github"));
  static final MetricId ERRORS = new MetricId("MCP/Security", "Errors", Map.of("MCP", "files"));

  final Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
  private final List<AlarmView> alarms = new ArrayList<>();
  final List<String> commands = new ArrayList<>();

  FakeReadModel() {
    alarms.add(
        new AlarmView(
            spec("files-errors", ERRORS, 300),
            AlarmState.OK,
            "Threshold Crossed: no datapoints were received for 1 period",
            null,
            base,
            base,
            base));
    alarms.add(
        new AlarmView(
            spec("github-denied", DENIED, 60),
            AlarmState.ALARM,
            "Threshold Crossed: 1 datapoint [10.0 (01/01/26 00:09:00)] was greater than or equal to"
                + " the threshold (1.0).",
            "{\"version\":\"1.0\"}",
            base.plusSeconds(600),
            base.plusSeconds(600),
            base));
  }

  static AlarmSpec spec(String name, MetricId m, int period) {
    return new AlarmSpec(
        name,
        "denied calls on " + m.dimensions(),
        m.namespace(),
        m.metricName(),
        m.dimensions(),
        Statistic.Sum,
        period,
        1,
        null,
        ComparisonOperator.GreaterThanOrEqualToThreshold,
        1.0,
        TreatMissingData.notBreaching,
        true,
        List.of("arn:aws:sns:us-east-1:000000000000:security"),
        List.of(),
        List.of(),
        "Count");
  }

  @Override
  public synchronized List<AlarmView> alarms() {
    return List.copyOf(alarms);
  }

  @Override
  public List<HistoryItem> history(@Nullable String alarmName) {
    List<HistoryItem> all =
        List.of(
            new HistoryItem(
                "github-denied", "MetricAlarm", base, HistoryItem.Type.ConfigurationUpdate,
                "Alarm \"github-denied\" created", "{}"),
            new HistoryItem(
                "github-denied", "MetricAlarm", base.plusSeconds(600), HistoryItem.Type.StateUpdate,
                "Alarm updated from OK to ALARM", "{\"newState\":{\"stateValue\":\"ALARM\"}}"),
            new HistoryItem(
                "files-errors", "MetricAlarm", base.plusSeconds(1), HistoryItem.Type.ConfigurationUpdate,
                "Alarm \"files-errors\" created", "{}"));
    return alarmName == null
        ? all
        : all.stream().filter(h -> h.alarmName().equals(alarmName)).toList();
  }

  @Override
  public List<MetricId> metrics() {
    return List.of(DENIED, ERRORS);
  }

  @Override
  public List<MinuteAggregate> minutes(MetricId metric, Instant from, Instant to) {
    List<MinuteAggregate> out = new ArrayList<>();
    if (!metric.equals(DENIED)) {
      return out;
    }
    for (int i = 0; i < 10; i++) {
      Instant t = base.plusSeconds(60L * i);
      if (!t.isBefore(from) && t.isBefore(to)) {
        out.add(new MinuteAggregate(t, i + 1, i + 1, 1.0, 1.0));
      }
    }
    return out;
  }

  @Override
  public synchronized boolean setAlarmState(
      String alarmName, AlarmState state, String reason, @Nullable String reasonDataJson) {
    for (int i = 0; i < alarms.size(); i++) {
      AlarmView a = alarms.get(i);
      if (a.spec().alarmName().equals(alarmName)) {
        commands.add(alarmName + " " + state + " " + reason);
        Instant now = Instant.now();
        alarms.set(
            i,
            new AlarmView(a.spec(), state, reason, reasonDataJson, now, now, a.configurationUpdated()));
        return true;
      }
    }
    return false;
  }
}
