package io.mcpwatch.aws.cloudwatch;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.metrics.MinuteAggregate;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the read side (the CloudWatch API here, the console later) needs of the running service:
 * alarms with definition and state, their history, the metrics and their per-minute aggregates,
 * and one command. The live service implements it from what it already stores (the engine
 * snapshot and the history in the database); tests implement it in memory. Implementations are
 * thread-safe and never touch the engine from the caller's thread.
 */
public interface CloudWatchReadModel {
  /** Every alarm, sorted by name. */
  List<AlarmView> alarms();

  /**
   * History items of one alarm ({@code alarmName}) or of all (null), in any order; the API sorts
   * and filters them.
   */
  List<HistoryItem> history(@Nullable String alarmName);

  /** Every metric mcpwatch publishes (one per metric filter and dimension set seen). */
  List<MetricId> metrics();

  /**
   * The per-minute aggregates of {@code metric} with {@code from <= start < to}, ascending; minutes
   * without samples are absent.
   */
  List<MinuteAggregate> minutes(MetricId metric, Instant from, Instant to);

  /**
   * SetAlarmState: puts the alarm in {@code state} until its next evaluation, running the actions
   * of that transition, as AWS documents it. Goes through the engine thread; returns once the
   * command is queued.
   *
   * @return false when no alarm has this name
   */
  boolean setAlarmState(
      String alarmName, AlarmState state, String reason, @Nullable String reasonDataJson);
}
