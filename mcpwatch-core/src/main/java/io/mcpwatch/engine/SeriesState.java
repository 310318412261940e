package io.mcpwatch.engine;

import io.mcpwatch.metrics.MetricSeries;
import java.util.ArrayList;
import java.util.List;

/** A watched metric series and the alarms that watch it. */
final class SeriesState {
  final MetricSeries series;
  /** The longest evaluation range (range size x period) among the watchers, in ms. */
  final long retentionSpanMillis;
  /** Most series have one watcher: room for one (an empty list would make room for ten). */
  final List<AlarmRuntime> watchers = new ArrayList<>(1);
  /** Watchers eligible for early firing; checked after each published sample. */
  AlarmRuntime[] earlyWatchers = new AlarmRuntime[0];
  /** How many of the watchers are {@link AlarmRuntime#asleep}. */
  int asleep;
  /** {@code series.modifications()} when {@link Engine#changes} last reported it, or -1. */
  long reportedModifications = -1;
  /** Position in the engine's series (and in its snapshot). */
  int position;
  /** In the engine's list of series that may have changed since {@link Engine#changes}. */
  boolean dirty;

  SeriesState(MetricSeries series, long retentionSpanMillis) {
    this.series = series;
    this.retentionSpanMillis = retentionSpanMillis;
  }
}
