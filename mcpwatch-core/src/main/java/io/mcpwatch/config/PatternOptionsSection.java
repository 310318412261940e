package io.mcpwatch.config;

import io.mcpwatch.pattern.PatternOptions;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code patternOptions}: the switches for the filter-pattern points where AWS's behaviour is
 * undocumented, e.g. {@code delimitedFieldCount: LAST_ABSORBS_REST}.
 */
final class PatternOptionsSection {
  private PatternOptionsSection() {}

  static PatternOptions bind(@Nullable ConfigNode node, BindContext ctx) {
    PatternOptions defaults = PatternOptions.defaults();
    if (node == null || Values.isNull(node)) {
      return defaults;
    }
    MapReader map = MapReader.of(node, "patternOptions", ctx);
    PatternOptions.DelimitedFieldCount count = defaults.delimitedFieldCount();
    ConfigNode n = map.take("delimitedFieldCount");
    if (n != null) {
      Located<PatternOptions.DelimitedFieldCount> v =
          Values.enumValue(
              n, map.path("delimitedFieldCount"), ctx, PatternOptions.DelimitedFieldCount.class);
      if (v != null) {
        count = v.value();
      }
    }
    map.finish();
    return new PatternOptions(count);
  }
}
