package io.mcpwatch.pattern;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A compiled CloudWatch Logs filter pattern. Immutable and thread-safe.
 *
 * <pre>{@code
 * FilterPattern p = FilterPattern.compile("[ip, user, ..., status=4*, size]", PatternOptions.defaults());
 * boolean hit = p.matches(line);          // hot path: no allocation for term and regex patterns
 * PatternMatch m = p.match(line);         // extracted values, or null
 * }</pre>
 */
public final class FilterPattern {

  /** Compiles with {@link PatternOptions#defaults()}. */
  public static FilterPattern compile(String text) {
    return compile(text, PatternOptions.defaults());
  }

  /**
   * Compiles a pattern exactly as AWS would accept it.
   *
   * @throws FilterPatternException when AWS would reject the pattern
   */
  public static FilterPattern compile(String text, PatternOptions options) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public String text() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public PatternKind kind() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Whether the event message matches. Never throws. */
  public boolean matches(String message) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The match with its extracted values, or {@code null} when the event does not match. */
  public @Nullable PatternMatch match(String message) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The terms of a {@link PatternKind#TERMS} pattern, in order; empty for other kinds. */
  public List<Term> terms() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Whether a field reference ({@code $name}, {@code $3}, {@code $.a.b[0]}) can ever yield a value
   * for this pattern: used to validate metric values and dimensions.
   */
  public boolean canReference(String fieldRef) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
