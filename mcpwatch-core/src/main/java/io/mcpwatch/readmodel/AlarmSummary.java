package io.mcpwatch.readmodel;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.metrics.MetricKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One configured alarm: its definition and its state as of the last commit.
 *
 * @param env environment
 * @param app app
 * @param logGroup the log group its metric filter reads
 * @param filterPattern the metric filter's pattern text
 * @param spec the alarm definition (metric, statistic, period, threshold and comparison, M of N,
 *     missing-data treatment, actions)
 * @param state StateValue
 * @param reason StateReason
 * @param reasonData StateReasonData JSON, or null before the first transition
 * @param stateSince when the state last changed (creation time before the first change)
 * @param lastEvaluated the last evaluated boundary, or null
 * @param matchedEvents events the alarm's filter published (not defaults)
 */
public record AlarmSummary(
    String env,
    String app,
    String logGroup,
    String filterPattern,
    AlarmSpec spec,
    AlarmState state,
    String reason,
    @Nullable String reasonData,
    Instant stateSince,
    @Nullable Instant lastEvaluated,
    long matchedEvents) {

  /** ALARM first, then INSUFFICIENT_DATA, then OK; by name, then environment, within a state. */
  public static final Comparator<AlarmSummary> ALARM_FIRST =
      Comparator.comparingInt((AlarmSummary a) -> rank(a.state()))
          .thenComparing(AlarmSummary::name)
          .thenComparing(AlarmSummary::env);

  public AlarmSummary {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(logGroup, "logGroup");
    Objects.requireNonNull(filterPattern, "filterPattern");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(stateSince, "stateSince");
  }

  /** The alarm's name. */
  public String name() {
    return spec.alarmName();
  }

  /** The metric the alarm watches. */
  public MetricKey metric() {
    return new MetricKey(env, spec.namespace(), spec.metricName(), spec.dimensions());
  }

  private static int rank(AlarmState s) {
    if (s == AlarmState.ALARM) {
      return 0;
    }
    return s == AlarmState.INSUFFICIENT_DATA ? 1 : 2;
  }
}
