package io.mcpwatch.pattern;

/**
 * AWS's {@code %regex%} subset (spec 1.2): validates a regex body against the documented character
 * whitelist and operators, rejects what section 7 says to reject, and compiles the rest with re2j
 * (linear time). Used by standalone regex patterns and by regex values in JSON and space-delimited
 * conditions.
 */
final class RegexSyntax {
  private RegexSyntax() {}

  /**
   * @param body the text between the two {@code %} signs
   * @param patternText the whole filter pattern, for the error
   * @param column 1-based column of the opening {@code %} in {@code patternText}
   * @return the compiled regex; callers use {@code matcher(s).find()} (unanchored unless ^/$)
   * @throws FilterPatternException naming the column of the offending character
   */
  static com.google.re2j.Pattern compile(String body, String patternText, int column) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
