package io.mcpwatch.pattern;

import java.util.Map;
import java.util.Optional;

/**
 * A matched event. {@link #extractedValues()} is what AWS TestMetricFilter returns as {@code
 * extractedValues} (empty for term and regex patterns); {@link #field(String)} resolves any field
 * reference the metric transformation may use ({@code $name}, {@code $N}, {@code $.path}).
 */
public interface PatternMatch {

  /** Extracted values in AWS order (positional and named), keys like {@code $status} or {@code $1}. */
  Map<String, String> extractedValues();

  /** The scalar value a field reference resolves to in this event, if any. */
  Optional<String> field(String fieldRef);
}
