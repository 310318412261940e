package io.mcpwatch.alarm;

/** CloudWatch alarm states. */
public enum AlarmState {
  OK,
  ALARM,
  INSUFFICIENT_DATA
}
