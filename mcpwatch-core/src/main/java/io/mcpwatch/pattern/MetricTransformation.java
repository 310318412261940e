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

  // written out: the generated ones link a call site on first use, a cost at every start-up that
  // resolves a configuration (one filter per distinct transformation)
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof MetricTransformation t
        && metricName.equals(t.metricName)
        && metricNamespace.equals(t.metricNamespace)
        && metricValue.equals(t.metricValue)
        && Objects.equals(defaultValue, t.defaultValue)
        && dimensions.equals(t.dimensions)
        && Objects.equals(unit, t.unit);
  }

  @Override
  public int hashCode() {
    int h = metricName.hashCode();
    h = 31 * h + metricNamespace.hashCode();
    h = 31 * h + metricValue.hashCode();
    h = 31 * h + Objects.hashCode(defaultValue);
    h = 31 * h + dimensions.hashCode();
    return 31 * h + Objects.hashCode(unit);
  }
}
