package io.mcpwatch.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fields of an alarm definition. Each may be written under {@code defaults}, {@code
 * alarms.<name>}, {@code apps[i].alarms.<name>} or an override; the most specific wins.
 */
public enum AlarmField {
  /** Metric name (MetricTransformation.metricName and the alarm's MetricName). */
  METRIC("metric"),
  /** The CloudWatch Logs filter pattern. */
  PATTERN("pattern"),
  /** A number or a field reference ({@code $size}, {@code $.latency}). */
  METRIC_VALUE("metricValue"),
  /** Published for each ingested event that does not match. */
  DEFAULT_VALUE("defaultValue"),
  /** Name to value; a {@code $field} value comes from the event, anything else is static. */
  DIMENSIONS("dimensions"),
  /**
   * Name to value: the value the alarm watches for each field dimension ({@code Status: "404"} for
   * {@code dimensions: {Status: $status}}), as a CloudWatch alarm names its metric's full dimension
   * set.
   */
  ALARM_DIMENSIONS("alarmDimensions"),
  /** A CloudWatch StandardUnit. */
  UNIT("unit"),
  DESCRIPTION("description"),
  STATISTIC("statistic"),
  PERIOD("period"),
  EVALUATION_PERIODS("evaluationPeriods"),
  DATAPOINTS_TO_ALARM("datapointsToAlarm"),
  COMPARISON("comparison"),
  THRESHOLD("threshold"),
  TREAT_MISSING_DATA("treatMissingData"),
  ACTIONS_ENABLED("actionsEnabled"),
  /** Topics notified on a transition to ALARM (default: the environment's topic). */
  ALARM_ACTIONS("alarmActions"),
  /** Topics notified on a transition to OK (default: the environment's topic). */
  OK_ACTIONS("okActions"),
  /** Topics notified on a transition to INSUFFICIENT_DATA (default: none). */
  INSUFFICIENT_DATA_ACTIONS("insufficientDataActions"),
  /** {@code false} leaves the combination out (e.g. no 4xx alarm for one app in dev). */
  ENABLED("enabled");

  private final String key;

  AlarmField(String key) {
    this.key = key;
  }

  /** The key in the configuration file. */
  public String key() {
    return key;
  }

  /** The field written as {@code key}, or null. */
  public static @Nullable AlarmField ofKey(String key) {
    for (AlarmField f : values()) {
      if (f.key.equals(key)) {
        return f;
      }
    }
    return null;
  }

  /** All keys, in declaration order. */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (AlarmField f : values()) {
      keys.add(f.key);
    }
    return keys;
  }
}
