package io.mcpwatch.alarm;

import java.time.Instant;
import java.util.Objects;

/**
 * One DescribeAlarmHistory item (spec 3.8).
 *
 * @param alarmName the alarm
 * @param alarmType {@code MetricAlarm}
 * @param timestamp when it happened
 * @param type ConfigurationUpdate, StateUpdate or Action
 * @param summary e.g. {@code Alarm updated from INSUFFICIENT_DATA to ALARM}
 * @param data the HistoryData JSON string
 */
public record HistoryItem(
    String alarmName, String alarmType, Instant timestamp, Type type, String summary, String data) {

  /** HistoryItemType values used by metric alarms. */
  public enum Type {
    ConfigurationUpdate,
    StateUpdate,
    Action
  }

  public HistoryItem {
    Objects.requireNonNull(alarmName, "alarmName");
    Objects.requireNonNull(alarmType, "alarmType");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(data, "data");
  }
}
