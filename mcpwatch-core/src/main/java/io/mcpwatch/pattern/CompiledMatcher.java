package io.mcpwatch.pattern;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The compiled form of one pattern kind, behind {@link FilterPattern}. Implementations are
 * immutable and thread-safe; {@link #matches} and {@link #match} never throw on any input.
 *
 * <p>The JSON kind is produced by {@code JsonPattern.parse(String text, PatternOptions options)};
 * the other kinds live in this package too ({@code TermMatcher}, {@code RegexMatcher}, {@code
 * DelimitedPattern}).
 */
interface CompiledMatcher {

  /** Whether the event message matches; should not allocate for term and regex patterns. */
  boolean matches(String message);

  /** The match with its extracted values (AWS TestMetricFilter order), or null when no match. */
  @Nullable PatternMatch match(String message);

  /**
   * This matcher for one thread only, whose patterns share {@code fields}: the same matcher when it
   * keeps no per-thread state. The result must not be used by any other thread.
   */
  default CompiledMatcher confinedTo(LeadingFields fields) {
    return this;
  }

  /**
   * Whether a field reference ({@code $name}, {@code $3}, {@code $.a.b[0]}) can ever yield a
   * value in a match of this pattern (used to validate metric values and dimensions).
   */
  boolean canReference(String fieldRef);

  /**
   * Non-empty literals of which every message this pattern matches contains at least one (see
   * {@link FilterPattern#requiredLiterals()}), or null when the pattern has no such set.
   */
  default @Nullable List<String> requiredLiterals() {
    return null;
  }

  /**
   * Sets of literals of which every message this pattern matches contains at least one from each
   * set (see {@link FilterPattern#requiredAll()}), or null when there is none; by default the one
   * set of {@link #requiredLiterals()}.
   */
  default @Nullable List<List<String>> requiredAll() {
    List<String> one = requiredLiterals();
    return one == null ? null : List.of(one);
  }
}
