package io.mcpwatch.pattern;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The metric transformation of a metric filter (AWS {@code MetricTransformation}).
 *
 * @param metricName CloudWatch metric name
 * @param metricNamespace CloudWatch namespace
 * @param metricValue a number ({@code "1"}) or a field reference ({@code $.latency}, {@code $size},
 *     {@code $7})
 * @param defaultValue value published for an ingested event that does not match, or null
 * @param dimensions up to three dimensions; each value is a field reference
 * @param unit a CloudWatch StandardUnit name, or null
 */
public record MetricTransformation(
    String metricName,
    String metricNamespace,
    String metricValue,
    @Nullable Double defaultValue,
    Map<String, String> dimensions,
    @Nullable String unit) {

  public MetricTransformation {
    Objects.requireNonNull(metricName, "metricName");
    Objects.requireNonNull(metricNamespace, "metricNamespace");
    Objects.requireNonNull(metricValue, "metricValue");
    dimensions = Map.copyOf(dimensions);
  }
}
