/**
 * CloudWatch metric alarms: the alarm definition ({@link io.mcpwatch.alarm.AlarmSpec}), states,
 * the missing-data evaluation algorithm, StateReason text and early firing. Pure functions over
 * datapoints; time comes from the caller.
 */
@NullMarked
package io.mcpwatch.alarm;

import org.jspecify.annotations.NullMarked;
