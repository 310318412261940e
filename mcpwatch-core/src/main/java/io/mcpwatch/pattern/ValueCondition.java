package io.mcpwatch.pattern;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One comparison {@code OP value} of a JSON or space-delimited condition (spec 1.3, 1.4): string
 * equality with leading/trailing {@code *} wildcards, numeric comparison (incl. scientific
 * notation), and {@code %regex%} values. Shared by both pattern kinds so that they agree.
 *
 * <p>Rules (spec 1.3, 6 #11/#12, 7 #4):
 *
 * <ul>
 *   <li>{@code =}/{@code !=} with a string value compare the whole value; only the first and the
 *       last character of the value may be a {@code *} wildcard, quoted or not ({@code *Event},
 *       {@code Event*}, {@code *Ev*}); a {@code *} elsewhere is literal; {@code = *} matches any
 *       value. {@code !=} is the negation of {@code =} on a value that exists.
 *   <li>An unquoted number ({@code 400}, {@code -1.5}, {@code +1000}, {@code 1e+3}) compares
 *       numerically when the other side is a JSON number or a string that parses as a plain
 *       decimal ({@code "400"}, {@code "0400"}, {@code "4.0e2"} does not: strings do not support
 *       scientific notation); otherwise the texts are compared.
 *   <li>{@code < <= > >=} need an unquoted number; they are false on values that are not numeric.
 *   <li>{@code %regex%} (only with {@code =}/{@code !=}) is an unanchored re2j find on the value.
 *   <li>Unquoted values may hold only ASCII letters, digits, {@code _ . * -} (and a number's sign
 *       and exponent); anything else must be in double quotes, where {@code \"} and {@code \\} are
 *       the only escapes.
 * </ul>
 *
 * <p>JSON numbers are tested on their text as written in the event, so {@code = 4*} matches
 * {@code 404}. Booleans, null, objects, arrays and absent values satisfy no comparison, not even
 * {@code !=}.
 */
final class ValueCondition {

  /** The comparison operators. */
  enum Op {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    boolean isNumericOnly() {
      return this != EQ && this != NE;
    }
  }

  private final Op op;
  private final String valueText;
  private final Value value;

  private ValueCondition(Op op, String valueText, Value value) {
    this.op = op;
    this.valueText = valueText;
    this.value = value;
  }

  /**
   * @param op the operator
   * @param valueText the value token exactly as written: {@code "quoted"} (with its quotes), a bare
   *     token, a number, {@code *}, or {@code %regex%}
   * @param patternText the whole filter pattern, for errors
   * @param column 1-based column of {@code valueText} in {@code patternText}
   * @throws FilterPatternException when AWS would reject the value for this operator
   */
  static ValueCondition parse(Op op, String valueText, String patternText, int column) {
    if (valueText.isEmpty()) {
      throw error(patternText, "missing value after '" + op.symbol + "'", column, null);
    }
    char first = valueText.charAt(0);
    if (first == '%') {
      return new ValueCondition(op, valueText, parseRegex(op, valueText, patternText, column));
    }
    if (first == '"') {
      String content = unquote(valueText, patternText, column);
      if (op.isNumericOnly()) {
        throw error(
            patternText,
            "operator '" + op.symbol + "' needs a number, not the quoted string " + valueText,
            column,
            "numeric comparisons take an unquoted number such as 500, -1.5 or 1e3");
      }
      return new ValueCondition(op, valueText, Text.of(content));
    }
    if (Numbers.isDecimal(valueText)) {
      return new ValueCondition(op, valueText, Num.of(valueText));
    }
    if (op.isNumericOnly()) {
      throw error(
          patternText,
          "operator '" + op.symbol + "' needs a number such as 500, -1.5 or 1e3, not '"
              + valueText + "'",
          column,
          null);
    }
    for (int i = 0; i < valueText.length(); i++) {
      char c = valueText.charAt(i);
      if (!isBareChar(c)) {
        throw error(
            patternText,
            "unquoted value " + valueText + " contains " + Chars.describe(c),
            column + i,
            "put values with characters other than letters, digits, '_', '.', '*' and '-' in"
                + " double quotes: \"" + valueText + "\"");
      }
    }
    return new ValueCondition(op, valueText, Text.of(valueText));
  }

  /** Tests a space-delimited field value (brackets/quotes already removed). */
  boolean testString(String fieldValue) {
    return test(fieldValue, false);
  }

  /**
   * Tests a JSON node selected by a selector: true only for value nodes (string, number; booleans
   * and null only where the spec says so); false for objects, arrays and missing nodes, for every
   * operator including {@code !=}.
   */
  boolean testJson(JsonNode node) {
    if (node.isString()) {
      return test(node.stringValue(), false);
    }
    if (node.isNumber()) {
      return test(node.asString(), true);
    }
    return false;
  }

  /**
   * For a {@code = %regex%} condition on a string (a space-delimited field, a substring of the
   * event): literals of which every value it holds for contains one; null otherwise.
   */
  @Nullable List<String> requiredLiterals() {
    return op == Op.EQ && value instanceof Regex ? ((Regex) value).find().required() : null;
  }

  /** Whether the value is a {@code %regex%} (counts toward the 2-regex limit). */
  boolean isRegex() {
    return value instanceof Regex;
  }

  Op op() {
    return op;
  }

  /** The value token as written in the pattern. */
  String valueText() {
    return valueText;
  }

  /**
   * Tests a scalar value: a string, or (when {@code isNumber}) the text of a JSON number as it is
   * written in the event. Never throws.
   */
  boolean test(String text, boolean isNumber) {
    switch (op) {
      case EQ:
        return value.matches(text, isNumber);
      case NE:
        return !value.matches(text, isNumber);
      default:
        Num num = (Num) value; // parse() guarantees a number for the ordering operators
        if (!isNumber && !Decimals.isPlain(text)) {
          return false;
        }
        int c = num.compareTo(text);
        switch (op) {
          case LT:
            return c > 0;
          case LE:
            return c >= 0;
          case GT:
            return c < 0;
          default:
            return c <= 0;
        }
    }
  }

  @Override
  public String toString() {
    return op.symbol + " " + valueText;
  }

  private static Regex parseRegex(Op op, String valueText, String patternText, int column) {
    if (valueText.length() < 2 || valueText.charAt(valueText.length() - 1) != '%') {
      throw error(patternText, "unterminated regex: missing closing '%'", column, null);
    }
    if (op.isNumericOnly()) {
      throw error(
          patternText,
          "operator '" + op.symbol + "' cannot take a regex; use = or !=",
          column,
          null);
    }
    String body = valueText.substring(1, valueText.length() - 1);
    return new Regex(RegexSyntax.find(body, patternText, column));
  }

  /** Strips the quotes of {@code "..."}; {@code \"} and {@code \\} are the only escapes. */
  private static String unquote(String quoted, String patternText, int column) {
    StringBuilder sb = new StringBuilder(quoted.length());
    int i = 1;
    while (i < quoted.length()) {
      char c = quoted.charAt(i);
      if (c == '"') {
        if (i != quoted.length() - 1) {
          throw error(
              patternText, "unexpected text after the closing quote", column + i + 1, null);
        }
        return sb.toString();
      }
      if (c == '\\' && i + 1 < quoted.length()) {
        char n = quoted.charAt(i + 1);
        if (n == '"' || n == '\\') {
          sb.append(n);
          i += 2;
          continue;
        }
      }
      sb.append(c);
      i++;
    }
    throw error(patternText, "unterminated quoted value: missing closing '\"'", column, null);
  }

  private static boolean isBareChar(char c) {
    return Chars.isWord(c) || c == '.' || c == '*' || c == '-';
  }

  private static FilterPatternException error(
      String patternText, String detail, int column, @Nullable String hint) {
    return PatternErrors.invalid(patternText, detail, column, hint);
  }

  /** The right-hand side of a comparison. */
  private sealed interface Value permits Text, Num, Regex {
    /** Whether the value equals (or wildcard-/regex-matches) a scalar. */
    boolean matches(String text, boolean isNumber);
  }

  /**
   * A string value; {@code leading}/{@code trailing} say whether its first/last character was a
   * {@code *} wildcard (a lone {@code *} is leading only, and matches everything).
   *
   * @param plainNumber whether {@code core} parses as a plain decimal (compared numerically with
   *     JSON numbers)
   */
  private record Text(String core, boolean leading, boolean trailing, boolean plainNumber)
      implements Value {
    static Text of(String s) {
      boolean leading = s.startsWith("*");
      boolean trailing = s.length() > 1 && s.endsWith("*");
      String core = s.substring(leading ? 1 : 0, s.length() - (trailing ? 1 : 0));
      boolean plain = !leading && !trailing && Decimals.isPlain(core);
      return new Text(core, leading, trailing, plain);
    }

    @Override
    public boolean matches(String text, boolean isNumber) {
      if (leading && trailing) {
        return text.contains(core);
      }
      if (leading) {
        return text.endsWith(core);
      }
      if (trailing) {
        return text.startsWith(core);
      }
      if (isNumber && plainNumber) {
        return Decimals.compare(core, text) == 0;
      }
      return text.equals(core);
    }
  }

  /** An unquoted number, pre-parsed. */
  private record Num(String text, boolean isLong, long longValue) implements Value {
    static Num of(String s) {
      long l = 0;
      boolean isLong = Decimals.isPlainInteger(s) && s.length() <= 18;
      if (isLong) {
        l = Long.parseLong(s);
      }
      return new Num(s, isLong, l);
    }

    @Override
    public boolean matches(String other, boolean isNumber) {
      if (isNumber || Decimals.isPlain(other)) {
        return compareTo(other) == 0;
      }
      return other.equals(text);
    }

    /** Compares this number with {@code other}, a valid number text. */
    int compareTo(String other) {
      if (isLong && other.length() <= 18 && Decimals.isPlainInteger(other)) {
        return Long.compare(longValue, Long.parseLong(other));
      }
      return Decimals.compare(text, other);
    }
  }

  /** A {@code %regex%} value: an unanchored find on the scalar's text. */
  private record Regex(RegexFind find) implements Value {
    @Override
    public boolean matches(String text, boolean isNumber) {
      return find.find(text);
    }
  }

  /**
   * Decimal number texts: recognising the plain ones and comparing any two without ever throwing.
   * (Scientific notation is recognised by {@link Numbers#isDecimal}.)
   */
  static final class Decimals {
    /** Longest text compared exactly with BigDecimal; longer texts compare as doubles. */
    private static final int MAX_EXACT_LENGTH = 1100;

    private Decimals() {}

    /**
     * Whether {@code s} is {@code [+-]?(digits[.digits?] | .digits)}: how a string (a JSON
     * string, a space-delimited field) qualifies as a number. No exponent: strings don't support
     * scientific notation (spec 1.3).
     */
    static boolean isPlain(String s) {
      int n = s.length();
      int i = 0;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int digits = 0;
      while (i < n && Chars.isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
      if (i < n && s.charAt(i) == '.') {
        i++;
        while (i < n && Chars.isDigit(s.charAt(i))) {
          i++;
          digits++;
        }
      }
      return digits > 0 && i == n;
    }

    /** Whether {@code s} is {@code [+-]?digits}. */
    static boolean isPlainInteger(String s) {
      int n = s.length();
      int i = (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) ? 1 : 0;
      if (i == n) {
        return false;
      }
      for (; i < n; i++) {
        if (!Chars.isDigit(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    /**
     * Compares two valid number texts (as accepted by {@link Numbers#isDecimal}): exactly for
     * texts of sane length and exponent, as doubles otherwise.
     */
    static int compare(String a, String b) {
      if (a.length() <= MAX_EXACT_LENGTH && b.length() <= MAX_EXACT_LENGTH) {
        try {
          return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b));
        } catch (NumberFormatException | ArithmeticException e) {
          // an exponent beyond BigDecimal's range: fall through to doubles (infinity or zero)
        }
      }
      double x = Double.parseDouble(a);
      double y = Double.parseDouble(b);
      return x < y ? -1 : (x > y ? 1 : 0);
    }
  }
}
