package io.mcpwatch.readmodel;

import io.mcpwatch.metrics.MetricKey;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.notify.TriggerLine;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What the console, the AWS read APIs and {@code status} read; see the package comment. */
public interface ReadModel {

  /** Grows with every commit the model has seen (0 before the first). */
  long version();

  /** One page of the alarms that match {@code query}, ALARM first. */
  AlarmPage alarms(AlarmQuery query);

  /**
   * One alarm.
   *
   * @param env its environment, or null for the first alarm of that name in configuration order
   * @param alarmName the alarm's name
   */
  Optional<AlarmSummary> alarm(@Nullable String env, String alarmName);

  /**
   * The alarm's history, newest first, also for alarms removed from the configuration.
   *
   * @param limit at most this many items
   */
  List<HistoryEntry> history(String env, String alarmName, int limit);

  /** The minute aggregates of {@code metric} with a start in {@code [from, to)}, oldest first. */
  List<MinuteAggregate> datapoints(MetricKey metric, Instant from, Instant to);

  /** The last log lines that matched the alarm's filter, oldest first. */
  List<TriggerLine> triggerLines(String env, String alarmName);
}
