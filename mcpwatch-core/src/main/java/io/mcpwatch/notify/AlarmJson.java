package io.mcpwatch.notify;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.Statistic;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The alarm JSON that CloudWatch publishes as the SNS {@code Message} (spec 4.3): exactly its keys,
 * in its order, compact, with {@code null}s, {@code +0000} timestamps, upper-case {@code
 * Statistic}, {@code Dimensions} as {@code [{"name":..,"value":..}]} (sorted by name, for a stable
 * text), {@code DatapointsToAlarm} only when set, and {@code TreatMissingData} as configured or
 * {@code ""} when never set (spec 6 #19). The newer {@code ActionExecutedAfterMuteWindow} key is
 * not emitted (mcpwatch has no mute windows).
 */
final class AlarmJson {
  private AlarmJson() {}

  static String of(AlarmNotice n, NotifySettings settings) {
    AlarmSpec spec = n.spec();
    ObjectNode o = Formats.JSON.createObjectNode();
    o.put("AlarmName", spec.alarmName());
    o.put("AlarmDescription", spec.description());
    o.put("AWSAccountId", settings.accountId());
    o.put("AlarmConfigurationUpdatedTimestamp", Formats.cloudWatch(n.configurationUpdatedTime()));
    o.put("NewStateValue", n.newState().name());
    o.put("NewStateReason", n.reason());
    o.put("StateChangeTime", Formats.cloudWatch(n.stateChangeTime()));
    o.put("Region", settings.regionLongName());
    o.put("AlarmArn", settings.alarmArn(spec.alarmName()));
    o.put("OldStateValue", n.oldState().name());
    arns(o.putArray("OKActions"), spec.okActions(), settings);
    arns(o.putArray("AlarmActions"), spec.alarmActions(), settings);
    arns(o.putArray("InsufficientDataActions"), spec.insufficientDataActions(), settings);
    ObjectNode t = o.putObject("Trigger");
    t.put("MetricName", spec.metricName());
    t.put("Namespace", spec.namespace());
    t.put("StatisticType", "Statistic");
    t.put("Statistic", upperStatistic(spec.statistic()));
    t.put("Unit", spec.unit());
    ArrayNode dims = t.putArray("Dimensions");
    for (Map.Entry<String, String> d : new TreeMap<>(spec.dimensions()).entrySet()) {
      dims.addObject().put("name", d.getKey()).put("value", d.getValue());
    }
    t.put("Period", spec.periodSeconds());
    t.put("EvaluationPeriods", spec.evaluationPeriods());
    if (spec.datapointsToAlarm() != null) {
      t.put("DatapointsToAlarm", spec.datapointsToAlarm());
    }
    t.put("ComparisonOperator", spec.comparison().name());
    t.put("Threshold", spec.threshold());
    t.put("TreatMissingData", spec.treatMissingData() == null ? "" : spec.treatMissingData().name());
    t.put("EvaluateLowSampleCountPercentile", "");
    return Formats.JSON.writeValueAsString(o);
  }

  /** {@code SUM}, {@code AVERAGE}, {@code MAXIMUM}, {@code MINIMUM}, {@code SAMPLE_COUNT}. */
  static String upperStatistic(Statistic s) {
    switch (s) {
      case SampleCount:
        return "SAMPLE_COUNT";
      case Average:
        return "AVERAGE";
      case Sum:
        return "SUM";
      case Minimum:
        return "MINIMUM";
      case Maximum:
        return "MAXIMUM";
      default:
        throw new AssertionError(s);
    }
  }

  private static void arns(ArrayNode array, List<String> actions, NotifySettings settings) {
    for (String a : actions) {
      array.add(settings.actionArn(a));
    }
  }
}
