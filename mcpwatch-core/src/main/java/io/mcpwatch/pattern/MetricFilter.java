package io.mcpwatch.pattern;

/**
 * A filter pattern plus its metric transformation, validated together the way PutMetricFilter
 * validates them. Immutable and thread-safe.
 */
public final class MetricFilter {

  /**
   * @throws FilterPatternException when AWS would reject the pattern or the transformation (with
   *     AWS's message, e.g. dimensions together with a default value)
   */
  public static MetricFilter compile(
      String pattern, MetricTransformation transformation, PatternOptions options) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public FilterPattern pattern() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public MetricTransformation transformation() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * What this event contributes. For the common case (a constant metric value, no dimensions) a
   * match returns a shared instance: no allocation on the hot path.
   */
  public Observation observe(String message) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
