package io.mcpwatch.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A metric's identity: environment scope, namespace, name and the exact dimension set. Metrics of
 * different environments never mix.
 *
 * @param env environment name
 * @param namespace CloudWatch namespace
 * @param metricName metric name
 * @param dimensions dimension name to value, sorted by name
 */
public record MetricKey(String env, String namespace, String metricName, Map<String, String> dimensions) {

  public MetricKey {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(metricName, "metricName");
    dimensions = java.util.Collections.unmodifiableMap(new TreeMap<>(dimensions));
  }

  @Override
  public String toString() {
    return env + ":" + namespace + "/" + metricName + dimensions;
  }
}
