package io.mcpwatch.pattern;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One thread's copies of compiled patterns, for the filters that thread matches with in a parallel
 * replay ({@link MetricFilter#forAnotherThread}): a pattern that may run the regex engine is
 * compiled anew (re2j's pattern keeps a pool of matching machines that threads sharing it contend
 * for), and a space-delimited one is confined to the thread (its own field positions, and leading
 * fields shared with the thread's other delimited patterns, instead of thread-local lookups); any
 * other pattern is shared as it is. Thousands of filters sharing a pattern share one copy per
 * thread. Not thread-safe: one instance per thread, and its copies are used by that thread only.
 */
public final class ThreadCopies {
  private final Map<FilterPattern, FilterPattern> copies = new IdentityHashMap<>();
  private final LeadingFields fields = new LeadingFields();

  /** The copy of {@code pattern} (compiled with {@code options}) for this thread. */
  FilterPattern of(FilterPattern pattern, PatternOptions options) {
    FilterPattern copy = copies.get(pattern);
    if (copy == null) {
      FilterPattern own =
          pattern.usesRegexEngine() ? FilterPattern.compile(pattern.text(), options) : pattern;
      copy = own.confinedTo(fields);
      copies.put(pattern, copy);
    }
    return copy;
  }
}
