package io.mcpwatch.notify;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One alarm state change to notify about: the input of {@link NotificationPlanner}. The engine's
 * transition maps onto it one to one (region and account come from {@link NotifySettings}).
 *
 * @param spec the alarm (name, description, metric, threshold, actions per state: the Trigger)
 * @param oldState the state before
 * @param newState the state after
 * @param reason the StateReason text
 * @param stateChangeTime when the state changed
 * @param configurationUpdatedTime when the alarm's configuration last changed ({@code
 *     AlarmConfigurationUpdatedTimestamp})
 * @param actions the actions to run for this change (topic names or SNS topic ARNs); empty when
 *     actions are disabled
 * @param triggeringLines a few log events that matched, any order (the newest {@code
 *     maxTriggerLines} are shown)
 * @param matchedLineCount how many log events matched in the evaluated window (at least {@code
 *     triggeringLines.size()}; shown as "3 of 57")
 * @param logGroup the log group the filter reads, or null
 * @param filterPattern the metric filter's pattern, or null
 */
public record AlarmNotice(
    AlarmSpec spec,
    AlarmState oldState,
    AlarmState newState,
    String reason,
    Instant stateChangeTime,
    Instant configurationUpdatedTime,
    List<String> actions,
    List<TriggerLine> triggeringLines,
    long matchedLineCount,
    @Nullable String logGroup,
    @Nullable String filterPattern) {

  public AlarmNotice {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(oldState, "oldState");
    Objects.requireNonNull(newState, "newState");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(stateChangeTime, "stateChangeTime");
    Objects.requireNonNull(configurationUpdatedTime, "configurationUpdatedTime");
    actions = List.copyOf(actions);
    triggeringLines = List.copyOf(triggeringLines);
    matchedLineCount = Math.max(matchedLineCount, triggeringLines.size());
  }

  /** The alarm's name. */
  public String alarmName() {
    return spec.alarmName();
  }
}
