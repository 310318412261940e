/**
 * Metric samples from matched log events, aggregated per time bucket (Sum, SampleCount, Minimum,
 * Maximum), and the sliding-window datapoints that alarms evaluate.
 */
@NullMarked
package io.mcpwatch.metrics;

import org.jspecify.annotations.NullMarked;
