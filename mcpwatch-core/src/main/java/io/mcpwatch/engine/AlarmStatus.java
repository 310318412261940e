package io.mcpwatch.engine;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.config.ResolvedAlarm;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An alarm as DescribeAlarms would show it, plus engine counters.
 *
 * @param alarm the alarm
 * @param state StateValue
 * @param reason StateReason
 * @param reasonDataJson StateReasonData, or null before the first transition
 * @param lastTransition StateTransitionedTimestamp (creation time until the first transition)
 * @param lastEvaluated the last boundary at which the alarm was evaluated, or null
 * @param matchedEvents events whose observation by the alarm's filter was Published and not a
 *     default
 */
public record AlarmStatus(
    ResolvedAlarm alarm,
    AlarmState state,
    String reason,
    @Nullable String reasonDataJson,
    Instant lastTransition,
    @Nullable Instant lastEvaluated,
    long matchedEvents) {

  public AlarmStatus {
    Objects.requireNonNull(alarm, "alarm");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(lastTransition, "lastTransition");
  }
}
