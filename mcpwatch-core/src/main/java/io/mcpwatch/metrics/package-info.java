/**
 * Metric samples from matched log events. Start here: {@link io.mcpwatch.metrics.MetricSeries}
 * aggregates samples in place per 10 s or 60 s bucket (Sum, SampleCount, Minimum, Maximum) and
 * answers window queries for alarm datapoints and {@link io.mcpwatch.metrics.MinuteAggregate}s; a
 * metric's identity is a {@link io.mcpwatch.metrics.MetricKey} (environment, namespace, name,
 * dimensions); {@link io.mcpwatch.metrics.DefaultValueMode} says how a filter's default value is
 * published.
 */
@NullMarked
package io.mcpwatch.metrics;

import org.jspecify.annotations.NullMarked;
