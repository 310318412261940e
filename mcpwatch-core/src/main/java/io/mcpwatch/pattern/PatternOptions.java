package io.mcpwatch.pattern;

/**
 * Switches for the points where AWS's behaviour is not documented (spec section 7). The defaults
 * are the spec's recommendations; every option is named in the README.
 *
 * @param delimitedFieldCount {@code EXACT} (default): a space-delimited pattern without {@code ...}
 *     matches only events with exactly as many fields; {@code LAST_ABSORBS_REST}: the last field
 *     takes the rest of the line (the current AWS doc's reading)
 */
public record PatternOptions(DelimitedFieldCount delimitedFieldCount) {

  /** How a space-delimited pattern without an ellipsis treats extra fields (spec 6, row 1). */
  public enum DelimitedFieldCount {
    EXACT,
    LAST_ABSORBS_REST
  }

  public PatternOptions {
    java.util.Objects.requireNonNull(delimitedFieldCount, "delimitedFieldCount");
  }

  public static PatternOptions defaults() {
    return new PatternOptions(DelimitedFieldCount.EXACT);
  }
}
