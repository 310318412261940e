package io.mcpwatch.storage.state;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.metrics.MinuteAggregate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One configured alarm as the last commit left it, for {@code mcpwatch status}.
 *
 * @param env environment
 * @param alarmName alarm name
 * @param state StateValue
 * @param reason StateReason
 * @param reasonData StateReasonData JSON, or null before the first transition
 * @param lastTransition when the state last changed (creation time before the first change)
 * @param lastEvaluated the last evaluated boundary, or null
 * @param matchedEvents events the alarm's filter published (not defaults)
 * @param periodSeconds the period
 * @param evaluationPeriods N
 * @param rangeStart start of the evaluation range the next evaluation reads
 * @param rangeEnd end (exclusive) of that range: the alarm's next evaluation boundary
 * @param minutes the minute aggregates with samples inside the range, oldest first
 */
public record AlarmView(
    String env,
    String alarmName,
    AlarmState state,
    String reason,
    @Nullable String reasonData,
    Instant lastTransition,
    @Nullable Instant lastEvaluated,
    long matchedEvents,
    int periodSeconds,
    int evaluationPeriods,
    Instant rangeStart,
    Instant rangeEnd,
    List<MinuteAggregate> minutes) {

  public AlarmView {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(alarmName, "alarmName");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(lastTransition, "lastTransition");
    Objects.requireNonNull(rangeStart, "rangeStart");
    Objects.requireNonNull(rangeEnd, "rangeEnd");
    minutes = List.copyOf(minutes);
  }
}
