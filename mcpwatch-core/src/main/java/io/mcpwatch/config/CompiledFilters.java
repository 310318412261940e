package io.mcpwatch.config;

import io.mcpwatch.pattern.FilterPattern;
import io.mcpwatch.pattern.FilterPatternException;
import io.mcpwatch.pattern.MetricFilter;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.pattern.PatternOptions;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The metric filters of one resolution, compiled once per distinct pattern text and once per
 * distinct (pattern, transformation): the same four patterns and transformations serve thousands
 * of apps. A pattern or transformation AWS rejects is not kept, so each alarm using it reports its
 * own error.
 */
final class CompiledFilters {
  /** Not a record: its generated methods would link call sites at every start-up. */
  private static final class Key {
    private final String pattern;
    private final MetricTransformation transformation;

    Key(String pattern, MetricTransformation transformation) {
      this.pattern = pattern;
      this.transformation = transformation;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key k
          && pattern.equals(k.pattern)
          && transformation.equals(k.transformation);
    }

    @Override
    public int hashCode() {
      return 31 * pattern.hashCode() + transformation.hashCode();
    }
  }

  private final PatternOptions options;
  private final Map<String, FilterPattern> patterns = new HashMap<>();
  private final Map<Key, MetricFilter> filters = new HashMap<>();

  CompiledFilters(PatternOptions options) {
    this.options = options;
  }

  /**
   * The filter of {@code pattern} with {@code transformation}.
   *
   * @throws FilterPatternException when AWS would reject the pattern or the transformation
   */
  MetricFilter filter(String pattern, MetricTransformation transformation) {
    // computeIfAbsent keeps nothing when the compilation or validation throws
    return filters.computeIfAbsent(new Key(pattern, transformation), k -> MetricFilter.of(
        patterns.computeIfAbsent(pattern, p -> FilterPattern.compile(p, options)),
        transformation, options));
  }
}
