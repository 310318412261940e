package io.mcpwatch.pattern;

import com.google.re2j.Pattern;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A standalone {@code %regex%} pattern (spec 1.2): an unanchored find over the whole message. A
 * regex without operators is searched as a literal ({@code String.contains}, same answer), and
 * {@code ^} followed by one as a prefix ({@code String.startsWith}).
 */
final class RegexPattern extends ExtractsNothing {
  private final Pattern regex;
  private final @Nullable String literal;
  private final @Nullable String prefix;
  private final @Nullable List<String> required;

  private RegexPattern(
      Pattern regex,
      @Nullable String literal,
      @Nullable String prefix,
      @Nullable List<String> required) {
    this.regex = regex;
    this.literal = literal;
    this.prefix = prefix;
    this.required = required;
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
    Pattern regex = RegexSyntax.compile(body, text, open + 1);
    String prefix = body.startsWith("^") ? RegexSyntax.literalOf(body.substring(1)) : null;
    return new RegexPattern(regex, RegexSyntax.literalOf(body), prefix,
        RegexSyntax.requiredLiterals(body));
  }

  @Override
  public boolean matches(String message) {
    if (literal != null) {
      return message.contains(literal);
    }
    if (prefix != null) {
      return message.startsWith(prefix);
    }
    return regex.matcher(message).find();
  }

  @Override
  public @Nullable List<String> requiredLiterals() {
    return required;
  }
}
