package io.mcpwatch.storage.state;

import io.mcpwatch.alarm.AlarmState;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One configured alarm's row as the last commit left it, for the read model.
 *
 * @param env environment
 * @param alarmName alarm name
 * @param state StateValue
 * @param reason StateReason
 * @param reasonData StateReasonData JSON, or null before the first transition
 * @param stateSince when the state last changed (creation time before the first change)
 * @param lastEvaluated the last evaluated boundary, or null
 * @param matchedEvents events the alarm's filter published (not defaults)
 */
public record StoredAlarm(
    String env,
    String alarmName,
    AlarmState state,
    String reason,
    @Nullable String reasonData,
    Instant stateSince,
    @Nullable Instant lastEvaluated,
    long matchedEvents) {
  public StoredAlarm {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(alarmName, "alarmName");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(stateSince, "stateSince");
  }
}
