package io.mcpwatch.pattern;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A compiled CloudWatch Logs filter pattern. Immutable and thread-safe.
 *
 * <pre>{@code
 * FilterPattern p = FilterPattern.compile("[ip, user, ..., status=4*, size]", PatternOptions.defaults());
 * boolean hit = p.matches(line);          // hot path: no allocation for term and regex patterns
 * PatternMatch m = p.match(line);         // extracted values, or null
 * }</pre>
 *
 * <p>The kind is chosen by the first non-blank character (spec 1.0): {@code {} JSON, {@code [}
 * space-delimited, {@code %} a standalone regex (the whole pattern), anything else terms. A blank
 * pattern, {@code ""} and {@code " "} match every event.
 */
public final class FilterPattern {
  private final String text;
  private final PatternKind kind;
  private final CompiledMatcher matcher;
  private final List<Term> terms;

  private FilterPattern(String text, PatternKind kind, CompiledMatcher matcher, List<Term> terms) {
    this.text = text;
    this.kind = kind;
    this.matcher = matcher;
    this.terms = List.copyOf(terms);
  }

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
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(options, "options");
    int length = text.codePointCount(0, text.length());
    if (length > PatternErrors.MAX_PATTERN_LENGTH) {
      throw PatternErrors.tooLong(text, length);
    }
    int first = Chars.skipBlanks(text, 0);
    if (first >= text.length()) {
      return new FilterPattern(text, PatternKind.MATCH_ALL, TermPattern.MATCH_ALL, List.of());
    }
    switch (text.charAt(first)) {
      case '{':
        return json(text, options);
      case '[':
        return new FilterPattern(
            text, PatternKind.DELIMITED, DelimitedParser.parse(text, first, options), List.of());
      case '%':
        return new FilterPattern(
            text, PatternKind.REGEX, RegexPattern.parse(text, first), List.of());
      default:
        List<Term> terms = TermPattern.parse(text);
        if (TermPattern.isMatchAll(terms)) {
          return new FilterPattern(text, PatternKind.MATCH_ALL, TermPattern.MATCH_ALL, List.of());
        }
        return new FilterPattern(text, PatternKind.TERMS, TermPattern.matcher(terms), terms);
    }
  }

  private static FilterPattern json(String text, PatternOptions options) {
    int end = Chars.trimEnd(text);
    if (text.charAt(end - 1) != '}') {
      throw new FilterPatternException(
          text,
          PatternErrors.JSON_UNCLOSED,
          "the pattern starts with '{' (a JSON pattern) but ends with "
              + Chars.describe(text.charAt(end - 1)),
          end,
          null);
    }
    return new FilterPattern(text, PatternKind.JSON, JsonPattern.parse(text, options), List.of());
  }

  /**
   * Whether matching may run the regex engine (re2j): a {@code %regex%} whose alternatives are not
   * all plain text, or a delimited or JSON pattern with a {@code %} in it (which may hold one).
   * re2j's compiled pattern keeps a pool of matching machines that threads sharing it contend for,
   * so a thread of a parallel replay matches such a pattern with its own copy; any other pattern
   * is shared as it is.
   */
  public boolean usesRegexEngine() {
    return switch (kind) {
      case REGEX -> ((RegexPattern) matcher).usesEngine();
      case DELIMITED, JSON -> text.indexOf('%') >= 0;
      default -> false;
    };
  }

  /** The pattern text as given. */
  public String text() {
    return text;
  }

  public PatternKind kind() {
    return kind;
  }

  /** This pattern for one thread only ({@link ThreadCopies}); this one when it keeps no per-thread state. */
  FilterPattern confinedTo(LeadingFields fields) {
    CompiledMatcher m = matcher.confinedTo(fields);
    return m == matcher ? this : new FilterPattern(text, kind, m, terms);
  }

  /** Whether the event message matches. Never throws. */
  public boolean matches(String message) {
    return matcher.matches(message);
  }

  /** The match with its extracted values, or {@code null} when the event does not match. */
  public @Nullable PatternMatch match(String message) {
    return matcher.match(message);
  }

  /** The terms of a {@link PatternKind#TERMS} pattern, in order; empty for other kinds. */
  public List<Term> terms() {
    return terms;
  }

  /**
   * Non-empty literals of which every message this pattern matches contains at least one
   * (case-sensitive, as all matching is), or null when the pattern has none: match-all patterns,
   * patterns of only {@code -} terms, a regex alternative without a fixed run of characters
   * ({@code %[0-9]+%}), a space-delimited pattern whose conditions are all numeric, negated or
   * absent, and JSON patterns (whose values may be escaped in the event). For term patterns it is
   * the longest plain term, or the {@code ?} terms; for space-delimited ones the string value of
   * the most selective condition ({@code status=4*} needs {@code 4}; {@code level="ERROR:*" ||
   * level="CRITICAL:*"} needs either); for regexes each alternative's longest fixed run.
   */
  public @Nullable List<String> requiredLiterals() {
    return matcher.requiredLiterals();
  }

  /**
   * Sets of literals of which every message this pattern matches contains at least one from
   * <em>each</em> set, or null when there is none: {@link #requiredLiterals()} as one set, and for
   * space-delimited patterns every slot's set plus, for a field that is never the event's first
   * and must start with a text, that text after a character that can precede a field ({@code
   * [level, client, dash, request=*HTTP*, status=4*, ...]} needs {@code HTTP}, and one of {@code
   * " 4"}, {@code "\t4"}, {@code "\"4"}, {@code "[4"}, {@code "]4"}).
   */
  public @Nullable List<List<String>> requiredAll() {
    return matcher.requiredAll();
  }

  /**
   * Whether a field reference ({@code $name}, {@code $3}, {@code $.a.b[0]}) can ever yield a value
   * for this pattern: used to validate metric values and dimensions.
   */
  public boolean canReference(String fieldRef) {
    return matcher.canReference(fieldRef);
  }

  @Override
  public String toString() {
    return text;
  }
}
