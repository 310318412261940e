package io.mcpwatch.engine;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.metrics.MetricKey;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to continue an engine exactly where it stopped (plain data, for a store to
 * persist): the next evaluation boundary, each alarm's state with reason, reason data, timestamps,
 * counters and history, and the buckets of every watched series within retention. Open
 * PER_MINUTE default bookkeeping is not included: a minute that spans a restart may miss its
 * default.
 *
 * @param nextBoundaryMillis the next boundary the engine would have evaluated
 * @param alarms per alarm, in config order
 * @param series per watched series
 */
public record EngineSnapshot(
    long nextBoundaryMillis, List<AlarmSnapshot> alarms, List<SeriesSnapshot> series) {

  public EngineSnapshot {
    alarms = List.copyOf(alarms);
    series = List.copyOf(series);
  }

  /**
   * One alarm. Alarms are matched by environment and alarm name on restore.
   *
   * @param lastEvaluatedMillis the last evaluated boundary, or {@link Long#MIN_VALUE} if none
   * @param configuredMillis when the alarm's configuration last changed (its newest
   *     ConfigurationUpdate item's time, which {@code history} may no longer hold when the engine
   *     keeps only a bounded tail of it in memory)
   * @param history the newest history items the engine holds, oldest first (all of the retained
   *     history, or a tail of it: see {@link EngineOptions#historyInMemory()})
   */
  public record AlarmSnapshot(
      String env,
      String alarmName,
      AlarmSpec spec,
      AlarmState state,
      String reason,
      @Nullable String reasonData,
      long transitionedMillis,
      long lastEvaluatedMillis,
      long matchedEvents,
      long configuredMillis,
      List<HistoryItem> history) {
    public AlarmSnapshot {
      Objects.requireNonNull(env, "env");
      Objects.requireNonNull(alarmName, "alarmName");
      Objects.requireNonNull(spec, "spec");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(reason, "reason");
      history = List.copyOf(history);
    }

    /**
     * With {@code configuredMillis} taken from {@code history}: its newest ConfigurationUpdate
     * item's time, else its first item's, else {@code transitionedMillis} (for a snapshot that
     * holds the alarm's whole history, or none).
     */
    public AlarmSnapshot(
        String env,
        String alarmName,
        AlarmSpec spec,
        AlarmState state,
        String reason,
        @Nullable String reasonData,
        long transitionedMillis,
        long lastEvaluatedMillis,
        long matchedEvents,
        List<HistoryItem> history) {
      this(env, alarmName, spec, state, reason, reasonData, transitionedMillis, lastEvaluatedMillis,
          matchedEvents, configuredMillis(history, transitionedMillis), history);
    }

    /**
     * The newest ConfigurationUpdate item's time in {@code history} (oldest first), else its first
     * item's, else {@code otherwise}.
     */
    public static long configuredMillis(List<HistoryItem> history, long otherwise) {
      for (int i = history.size() - 1; i >= 0; i--) {
        if (history.get(i).type() == HistoryItem.Type.ConfigurationUpdate) {
          return history.get(i).timestamp().toEpochMilli();
        }
      }
      return history.isEmpty() ? otherwise : history.get(0).timestamp().toEpochMilli();
    }
  }

  /** One watched series: its non-empty buckets, oldest first. */
  public record SeriesSnapshot(MetricKey key, @Nullable String unit, List<Bucket> buckets) {
    public SeriesSnapshot {
      Objects.requireNonNull(key, "key");
      buckets = List.copyOf(buckets);
    }
  }

  /** One aggregated bucket. */
  public record Bucket(long startMillis, double sum, long count, double min, double max) {}
}
