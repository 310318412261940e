package io.mcpwatch.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

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
    dimensions = sorted(dimensions);
  }

  /**
   * An unmodifiable copy sorted by name; one dimension (as most metrics have: an engine with
   * 10,000 alarms makes 20,000 keys) without a TreeMap.
   */
  private static Map<String, String> sorted(Map<String, String> dimensions) {
    if (dimensions.size() == 1) {
      Map.Entry<String, String> e = dimensions.entrySet().iterator().next();
      return Collections.singletonMap(Objects.requireNonNull(e.getKey(), "dimension name"),
          e.getValue());
    }
    return Collections.unmodifiableMap(new TreeMap<>(dimensions));
  }

  /**
   * The record's equality, written out: the generated method links a call site on first use and
   * runs through method handles, which 10,000 alarms' engine creation felt.
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof MetricKey k
        && env.equals(k.env)
        && namespace.equals(k.namespace)
        && metricName.equals(k.metricName)
        && dimensions.equals(k.dimensions);
  }

  /** The value the generated method gives (31 times each component's hash, in order). */
  @Override
  public int hashCode() {
    int h = env.hashCode();
    h = 31 * h + namespace.hashCode();
    h = 31 * h + metricName.hashCode();
    return 31 * h + dimensions.hashCode();
  }

  @Override
  public String toString() {
    return env + ":" + namespace + "/" + metricName + dimensions;
  }
}
