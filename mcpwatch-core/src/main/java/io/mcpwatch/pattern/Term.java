package io.mcpwatch.pattern;

/**
 * One term of a term pattern, for linting and explanation.
 *
 * @param text the literal text searched for (without quotes or prefix)
 * @param quoted whether the term was written in double quotes
 * @param kind plain (must occur), exclude ({@code -}: must not occur) or optional ({@code ?})
 * @param column 1-based column where the term starts in the pattern
 */
public record Term(String text, boolean quoted, Kind kind, int column) {
  public enum Kind {
    PLAIN,
    EXCLUDE,
    OPTIONAL
  }
}
