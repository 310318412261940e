package io.mcpwatch.pattern;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A standalone {@code %regex%} pattern (spec 1.2): an unanchored find over the whole message,
 * by plain string comparisons where the body allows it ({@link RegexFind}).
 */
final class RegexPattern extends ExtractsNothing {
  private final RegexFind regex;

  private RegexPattern(RegexFind regex) {
    this.regex = regex;
  }

  boolean usesEngine() {
    return regex.usesEngine();
  }

  /**
   * @param open index of the opening {@code %} (the first non-blank character)
   */
  static RegexPattern parse(String text, int open) {
    int close = text.indexOf('%', open + 1);
    if (close < 0) {
      throw PatternErrors.invalid(
          text,
          "the regular expression has no closing '%'",
          open + 1,
          "a regex pattern is written %regex%, e.g. %AUTHORIZED%");
    }
    int rest = Chars.skipBlanks(text, close + 1);
    if (rest < text.length()) {
      throw PatternErrors.invalid(
          text,
          "unexpected text after the regular expression %...%",
          rest + 1,
          "a %regex% must be the whole filter pattern; it cannot be combined with terms or a"
              + " second regex (use | inside one regex for alternatives)");
    }
    String body = text.substring(open + 1, close);
    return new RegexPattern(RegexSyntax.find(body, text, open + 1));
  }

  @Override
  public boolean matches(String message) {
    return regex.find(message);
  }

  @Override
  public @Nullable List<String> requiredLiterals() {
    return regex.required();
  }
}
