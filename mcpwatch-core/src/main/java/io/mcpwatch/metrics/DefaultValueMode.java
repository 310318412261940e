package io.mcpwatch.metrics;

/**
 * How a metric filter's {@code defaultValue} is published (spec 2.5, [UNCERTAIN] granularity).
 * Either way nothing is published for a minute in which no event was ingested (spec 6 #14).
 */
public enum DefaultValueMode {
  /** One default observation per ingested event that does not match (spec 7 #5; the default). */
  PER_EVENT,
  /**
   * One default observation, stamped with the minute's start, per minute in which events were
   * ingested but none matched. Published when the minute closes (at the first evaluation boundary
   * at or after its end); an event arriving later for an already closed minute that had no default
   * yet publishes it at once. A default already published is never withdrawn.
   */
  PER_MINUTE
}
