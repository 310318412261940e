/**
 * The CloudWatch Logs filter-pattern language: term, {@code %regex%}, JSON and space-delimited
 * patterns, and the metric transformation that turns a matched event into a metric observation.
 *
 * <p>Start at {@link io.mcpwatch.pattern.FilterPattern#compile(String, PatternOptions)}; metric
 * filters are built with {@link io.mcpwatch.pattern.MetricFilter#compile}. Syntax errors are one
 * unchecked {@link io.mcpwatch.pattern.FilterPatternException} carrying AWS's message, a 1-based
 * column and an optional hint. Matching never throws and runs in time linear in the event.
 *
 * <p>JSON patterns: {@code JsonPatternParser} builds a {@code JsonPattern} whose conditions see
 * every node their selectors select in one streaming pass ({@code JsonEventScanner}).
 */
@NullMarked
package io.mcpwatch.pattern;

import org.jspecify.annotations.NullMarked;
