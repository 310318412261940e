package io.mcpwatch.storage.state;

import io.mcpwatch.alarm.AlarmState;
import java.time.Instant;

/**
 * An alarm that is no longer configured; its history stays readable ({@link StatusReader#history}).
 *
 * @param env environment
 * @param alarmName alarm name
 * @param lastState its state when it was removed
 * @param removedAt the commit that no longer had it
 */
public record RemovedAlarm(String env, String alarmName, AlarmState lastState, Instant removedAt) {}
