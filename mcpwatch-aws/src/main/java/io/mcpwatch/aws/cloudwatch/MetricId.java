package io.mcpwatch.aws.cloudwatch;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A metric as CloudWatch names it: namespace, name and the exact dimension set.
 *
 * @param namespace e.g. {@code MCP/Security}
 * @param metricName e.g. {@code Denied}
 * @param dimensions name to value (copied, sorted by name)
 */
public record MetricId(String namespace, String metricName, Map<String, String> dimensions) {
  public MetricId {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(metricName, "metricName");
    dimensions = java.util.Collections.unmodifiableMap(new TreeMap<>(dimensions));
  }
}
