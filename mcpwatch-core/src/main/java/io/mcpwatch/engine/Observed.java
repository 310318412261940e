package io.mcpwatch.engine;

import io.mcpwatch.pattern.Observation;
import org.jspecify.annotations.Nullable;

/**
 * An event after an {@link EventMatcher} matched it: its timestamp and each of its log group's
 * routes' observations, for {@link Engine#ingest(Observed)}. Opaque outside the engine.
 */
public final class Observed {
  final Engine engine;
  final long timestampMillis;
  /** The routes of the event's log group; null when no alarm reads that group. */
  final Route @Nullable [] routes;
  /** Per route (null: the filter threw), or empty when no route observed anything. */
  final @Nullable Observation[] observations;

  Observed(
      Engine engine,
      long timestampMillis,
      Route @Nullable [] routes,
      @Nullable Observation[] observations) {
    this.engine = engine;
    this.timestampMillis = timestampMillis;
    this.routes = routes;
    this.observations = observations;
  }

  /** The event's timestamp (a replay sets its clock from it before {@code ingest}). */
  public long timestampMillis() {
    return timestampMillis;
  }

  /**
   * Whether ingesting it changes nothing but the engine's event counters ({@link
   * EngineStats#ingestedEvents()}, and {@link EngineStats#unknownLogGroupEvents()} when {@link
   * #unknownLogGroup()}): no route of its log group observed anything. A parallel replay keeps
   * only the other events and adds these to the counters.
   */
  public boolean countsOnly() {
    return observations.length == 0;
  }

  /** Whether no alarm reads the event's log group. */
  public boolean unknownLogGroup() {
    return routes == null;
  }
}
