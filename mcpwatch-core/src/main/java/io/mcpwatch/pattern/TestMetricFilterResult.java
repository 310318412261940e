package io.mcpwatch.pattern;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link TestMetricFilter}: the matching events, in input order.
 *
 * @param matches one entry per matching message
 */
public record TestMetricFilterResult(List<MatchedEvent> matches) {

  public TestMetricFilterResult {
    matches = List.copyOf(matches);
  }

  /**
   * One matching message (AWS {@code MetricFilterMatchRecord}, plus what it publishes).
   *
   * @param eventNumber 1-based position of the message in the input
   * @param eventMessage the message
   * @param extractedValues the values AWS returns as {@code extractedValues}, in AWS order ({@code
   *     $1}, {@code $name}, ...); empty for term and regex patterns
   * @param metricValue what the match publishes, or null when no metric filter was given or the
   *     match publishes nothing (the value field is missing or not a number)
   * @param dimensions the dimension values of the published sample; empty when none
   */
  public record MatchedEvent(
      int eventNumber,
      String eventMessage,
      Map<String, String> extractedValues,
      @Nullable Double metricValue,
      Map<String, String> dimensions) {

    public MatchedEvent {
      if (eventNumber < 1) {
        throw new IllegalArgumentException("eventNumber must be >= 1, was " + eventNumber);
      }
      extractedValues = Collections.unmodifiableMap(new LinkedHashMap<>(extractedValues));
      dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    }
  }
}
