package io.mcpwatch.config;

import io.mcpwatch.pattern.FilterPattern;
import io.mcpwatch.pattern.FilterPatternException;
import io.mcpwatch.pattern.MetricFilter;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.pattern.PatternOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * The metric filters of one resolution, compiled once per distinct pattern text and once per
 * distinct (pattern, transformation): the same four patterns and transformations serve thousands
 * of apps. A pattern or transformation AWS rejects is not kept, so each alarm using it reports its
 * own error.
 */
final class CompiledFilters {
  private record Key(String pattern, MetricTransformation transformation) {}

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
    Key key = new Key(pattern, transformation);
    MetricFilter f = filters.get(key);
    if (f == null) {
      FilterPattern compiled = patterns.get(pattern);
      if (compiled == null) {
        compiled = FilterPattern.compile(pattern, options);
        patterns.put(pattern, compiled);
      }
      f = MetricFilter.of(compiled, transformation, options);
      filters.put(key, f);
    }
    return f;
  }
}
