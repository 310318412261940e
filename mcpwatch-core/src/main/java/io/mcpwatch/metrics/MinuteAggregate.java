package io.mcpwatch.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * The samples of one metric in one minute.
 *
 * @param start the minute's start
 * @param sum Sum
 * @param sampleCount SampleCount (at least 1)
 * @param min Minimum
 * @param max Maximum
 */
public record MinuteAggregate(Instant start, double sum, long sampleCount, double min, double max) {
  public MinuteAggregate {
    Objects.requireNonNull(start, "start");
    if (sampleCount < 1) {
      throw new IllegalArgumentException("sampleCount must be at least 1; found " + sampleCount);
    }
  }
}
