package io.mcpwatch.aws.cloudwatch;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One alarm as the read side shows it: its definition and its current state.
 *
 * @param spec the definition (as PutMetricAlarm would have set it)
 * @param state the current state
 * @param stateReason the StateReason text
 * @param stateReasonData the StateReasonData JSON, or null
 * @param stateUpdated when the state (or its reason) last changed
 * @param stateTransitioned when the state value last changed
 * @param configurationUpdated when the definition was loaded (the service's start or last reload)
 */
public record AlarmView(
    AlarmSpec spec,
    AlarmState state,
    String stateReason,
    @Nullable String stateReasonData,
    Instant stateUpdated,
    Instant stateTransitioned,
    Instant configurationUpdated) {
  public AlarmView {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(stateReason, "stateReason");
    Objects.requireNonNull(stateUpdated, "stateUpdated");
    Objects.requireNonNull(stateTransitioned, "stateTransitioned");
    Objects.requireNonNull(configurationUpdated, "configurationUpdated");
  }

  /** The metric the alarm watches. */
  public MetricId metric() {
    return new MetricId(spec.namespace(), spec.metricName(), spec.dimensions());
  }
}
