package io.mcpwatch.engine;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.config.ResolvedAlarm;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One alarm state change.
 *
 * @param alarm the alarm
 * @param time when it happened: the evaluation boundary, or the clock's now for an early one
 * @param oldState state before
 * @param newState state after
 * @param reason the new StateReason (spec 3.6)
 * @param reasonDataJson the new StateReasonData JSON (spec 3.7)
 * @param early whether early firing made it happen before its boundary
 * @param actions the topics selected for the new state; empty when actions are disabled
 */
public record AlarmTransition(
    ResolvedAlarm alarm,
    Instant time,
    AlarmState oldState,
    AlarmState newState,
    String reason,
    String reasonDataJson,
    boolean early,
    List<String> actions) {

  public AlarmTransition {
    Objects.requireNonNull(alarm, "alarm");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(oldState, "oldState");
    Objects.requireNonNull(newState, "newState");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(reasonDataJson, "reasonDataJson");
    actions = List.copyOf(actions);
  }
}
