package io.mcpwatch.alarm;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One metric alarm, as PutMetricAlarm defines it (spec 3.1). Validated on construction.
 *
 * @param alarmName unique name
 * @param description AlarmDescription or null
 * @param namespace metric namespace
 * @param metricName metric name
 * @param dimensions the exact dimension set the alarm watches
 * @param statistic the statistic evaluated per period
 * @param periodSeconds 10, 20, 30 or a multiple of 60
 * @param evaluationPeriods N
 * @param datapointsToAlarm M, or null when not set explicitly (then M = N and the StateReason uses
 *     the classic template)
 * @param comparison the comparison operator
 * @param threshold the threshold
 * @param treatMissingData the treatment, or null when not set explicitly (behaves as missing)
 * @param actionsEnabled whether actions run on transitions
 * @param alarmActions topics notified on a transition to ALARM
 * @param okActions topics notified on a transition to OK
 * @param insufficientDataActions topics notified on a transition to INSUFFICIENT_DATA
 * @param unit the unit, or null
 */
public record AlarmSpec(
    String alarmName,
    @Nullable String description,
    String namespace,
    String metricName,
    Map<String, String> dimensions,
    Statistic statistic,
    int periodSeconds,
    int evaluationPeriods,
    @Nullable Integer datapointsToAlarm,
    ComparisonOperator comparison,
    double threshold,
    @Nullable TreatMissingData treatMissingData,
    boolean actionsEnabled,
    List<String> alarmActions,
    List<String> okActions,
    List<String> insufficientDataActions,
    @Nullable String unit) {

  public AlarmSpec {
    Objects.requireNonNull(alarmName, "alarmName");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(metricName, "metricName");
    Objects.requireNonNull(statistic, "statistic");
    Objects.requireNonNull(comparison, "comparison");
    dimensions = Map.copyOf(dimensions);
    alarmActions = List.copyOf(alarmActions);
    okActions = List.copyOf(okActions);
    insufficientDataActions = List.copyOf(insufficientDataActions);
    if (alarmName.isEmpty() || alarmName.length() > 255) {
      throw new IllegalArgumentException("alarmName must be 1 to 255 characters");
    }
    if (!(periodSeconds == 10 || periodSeconds == 20 || periodSeconds == 30
        || (periodSeconds >= 60 && periodSeconds % 60 == 0))) {
      throw new IllegalArgumentException(
          "period must be 10, 20, 30 or a multiple of 60 seconds; found " + periodSeconds);
    }
    if (evaluationPeriods < 1) {
      throw new IllegalArgumentException("evaluationPeriods must be at least 1; found " + evaluationPeriods);
    }
    if (datapointsToAlarm != null && (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods)) {
      throw new IllegalArgumentException(
          "datapointsToAlarm must be between 1 and evaluationPeriods (" + evaluationPeriods
              + "); found " + datapointsToAlarm);
    }
    long window = (long) periodSeconds * evaluationPeriods;
    long max = periodSeconds < 3600 ? 86_400L : 7 * 86_400L;
    if (window > max) {
      throw new IllegalArgumentException(
          "period x evaluationPeriods must be at most " + (max / 86_400) + " day(s); found "
              + window + " seconds");
    }
    if (Double.isNaN(threshold) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("threshold must be a finite number");
    }
  }

  /** M: datapointsToAlarm, defaulting to N. */
  public int m() {
    return datapointsToAlarm != null ? datapointsToAlarm : evaluationPeriods;
  }

  /** The effective treatment: {@code missing} when not set. */
  public TreatMissingData effectiveTreatMissingData() {
    return treatMissingData != null ? treatMissingData : TreatMissingData.missing;
  }

  /** Whether the period is a high-resolution one (10, 20 or 30 s), evaluated every 10 s. */
  public boolean highResolution() {
    return periodSeconds < 60;
  }
}
