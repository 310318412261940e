package io.mcpwatch.aws.logs;

import io.mcpwatch.pattern.MetricTransformation;
import java.util.List;
import java.util.Objects;

/** The metric filters the configuration defines, for DescribeMetricFilters. */
@FunctionalInterface
public interface MetricFilterCatalog {
  List<Filter> metricFilters();

  /**
   * One metric filter as AWS describes it.
   *
   * @param filterName the filter's name
   * @param logGroupName the log group it watches
   * @param filterPattern the pattern text
   * @param transformation what it publishes
   * @param creationTimeMillis epoch milliseconds (the service's start when unknown)
   */
  record Filter(
      String filterName,
      String logGroupName,
      String filterPattern,
      MetricTransformation transformation,
      long creationTimeMillis) {
    public Filter {
      Objects.requireNonNull(filterName, "filterName");
      Objects.requireNonNull(logGroupName, "logGroupName");
      Objects.requireNonNull(filterPattern, "filterPattern");
      Objects.requireNonNull(transformation, "transformation");
    }
  }

  /** No filters. */
  static MetricFilterCatalog none() {
    return List::of;
  }
}
