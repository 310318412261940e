/**
 * The CloudWatch Logs filter-pattern language: term, {@code %regex%}, JSON and space-delimited
 * patterns, and the metric transformation that turns a matched event into a metric observation.
 *
 * <p>Start here: {@link io.mcpwatch.pattern.FilterPattern#compile(String, PatternOptions)} compiles
 * a pattern (the kind is chosen by its first non-blank character); {@link
 * io.mcpwatch.pattern.MetricFilter#compile} adds a metric transformation and {@link
 * io.mcpwatch.pattern.MetricFilter#observe} says what one event publishes; {@link
 * io.mcpwatch.pattern.TestMetricFilter#run} is AWS's TestMetricFilter for the CLI and the API.
 * Syntax errors are one unchecked {@link io.mcpwatch.pattern.FilterPatternException} carrying AWS's
 * message, a 1-based column and, for recognised mistakes ({@code 4??}, unquoted {@code /}), a hint.
 * Matching never throws, uses no backtracking engine (re2j for regexes; a regex of literal
 * alternatives is plain string comparisons, {@code RegexFind}) and runs in time linear in the event;
 * term and regex matching do not allocate. {@link io.mcpwatch.pattern.LiteralPrefilter} rejects, on
 * a message's bytes, what none of a log group's patterns can match (from {@link
 * io.mcpwatch.pattern.FilterPattern#requiredAll()}), or on a JSON string as written ({@code
 * inJsonStrings}); {@link io.mcpwatch.pattern.Swar} holds the eight-bytes-at-a-time searches it and
 * the readers of {@code io.mcpwatch.source.read} share. A replay thread matches with its {@link
 * io.mcpwatch.pattern.ThreadCopies} of the patterns.
 *
 * <p>Inside: one package-private {@code CompiledMatcher} per kind ({@code TermPattern}, {@code
 * RegexPattern} with {@code RegexSyntax}, {@code DelimitedPattern} with {@code DelimitedParser} and
 * {@code FieldSplitter}, {@code JsonPattern}); {@code ValueCondition} is the {@code OP value}
 * comparison JSON and space-delimited conditions share. The examples of the spec are replayed from
 * {@code src/test/resources/conformance/*.tsv}.
 *
 * <p>JSON patterns: {@code JsonPatternParser} builds a {@code JsonPattern} whose conditions see
 * every node their selectors select in one streaming pass ({@code JsonEventScanner}).
 */
@NullMarked
package io.mcpwatch.pattern;

import org.jspecify.annotations.NullMarked;
