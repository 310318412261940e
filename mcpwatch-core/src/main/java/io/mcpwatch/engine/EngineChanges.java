package io.mcpwatch.engine;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What changed in an engine since the previous {@link Engine#changes()}: the snapshots of the
 * alarms and series that changed, keyed by their position in {@link Engine#snapshot()} (the same
 * engine never reorders, adds or removes alarms or series; a reconfigured engine is a new engine).
 * Applying these to the previous snapshot gives the current one, so a store that wrote the previous
 * state can write only these.
 *
 * @param nextBoundaryMillis the next boundary the engine will evaluate
 * @param alarmCount how many alarms the engine has
 * @param seriesCount how many series the engine watches
 * @param alarms the changed alarms by position, in position order
 * @param series the changed series by position, in position order
 */
public record EngineChanges(
    long nextBoundaryMillis,
    int alarmCount,
    int seriesCount,
    SortedMap<Integer, EngineSnapshot.AlarmSnapshot> alarms,
    SortedMap<Integer, EngineSnapshot.SeriesSnapshot> series) {

  public EngineChanges {
    alarms = new TreeMap<>(Objects.requireNonNull(alarms, "alarms"));
    series = new TreeMap<>(Objects.requireNonNull(series, "series"));
    for (Map.Entry<Integer, ?> e : alarms.entrySet()) {
      if (e.getKey() < 0 || e.getKey() >= alarmCount) {
        throw new IllegalArgumentException("alarm position " + e.getKey() + " out of range");
      }
    }
    for (Map.Entry<Integer, ?> e : series.entrySet()) {
      if (e.getKey() < 0 || e.getKey() >= seriesCount) {
        throw new IllegalArgumentException("series position " + e.getKey() + " out of range");
      }
    }
  }

  /** True when nothing but (perhaps) the next boundary changed. */
  public boolean isEmpty() {
    return alarms.isEmpty() && series.isEmpty();
  }
}
