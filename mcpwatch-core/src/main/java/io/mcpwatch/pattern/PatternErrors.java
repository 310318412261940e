package io.mcpwatch.pattern;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** AWS's error messages and the hints for mistakes we recognise, in one place. */
final class PatternErrors {
  private PatternErrors() {}

  /** The longest pattern AWS accepts (PutMetricFilter {@code filterPattern}). */
  static final int MAX_PATTERN_LENGTH = 1024;

  /** At most this many {@code %regex%} in one JSON or space-delimited pattern (spec 1.2). */
  static final int MAX_REGEXES = 2;

  static final String INVALID_PATTERN = "Invalid filter pattern";
  static final String INVALID_TERM = "Invalid character(s) in term";
  static final String JSON_UNCLOSED = "If a filter pattern starts with '{' it must end with '}'";

  static FilterPatternException invalid(String pattern, String detail, int column) {
    return new FilterPatternException(pattern, INVALID_PATTERN, detail, column, null);
  }

  static FilterPatternException invalid(
      String pattern, String detail, int column, @Nullable String hint) {
    return new FilterPatternException(pattern, INVALID_PATTERN, detail, column, hint);
  }

  /** AWS's request-validation message for a pattern over 1024 characters. */
  static FilterPatternException tooLong(String pattern, int length) {
    String aws =
        "1 validation error detected: Value '"
            + pattern
            + "' at 'filterPattern' failed to satisfy constraint: Member must have length less"
            + " than or equal to "
            + MAX_PATTERN_LENGTH;
    return new FilterPatternException(
        pattern,
        aws,
        String.format(
            Locale.ROOT,
            "the pattern is %d characters long; the limit is %d",
            length,
            MAX_PATTERN_LENGTH),
        MAX_PATTERN_LENGTH + 1,
        null);
  }

  /**
   * The hint for an unquoted term with characters AWS does not allow, or null when there is
   * nothing useful to say.
   *
   * @param token the whole unquoted token as written (with its {@code -} or {@code ?} prefix)
   * @param bad the first offending character
   */
  static @Nullable String termHint(String token, char bad) {
    String body = token.startsWith("-") || token.startsWith("?") ? token.substring(1) : token;
    int qq = body.indexOf("??");
    if (bad == '?' || qq >= 0) {
      return questionMarkHint(body);
    }
    if (body.startsWith("%")) {
      return "a %regex% must be the whole filter pattern; it cannot be combined with terms"
          + " (to require a term and a regex, use a regex alone, or a space-delimited pattern"
          + " with a %regex% condition)";
    }
    if (bad == '*') {
      return "'*' is not a wildcard in term patterns: every term already matches anywhere in the"
          + " event (it is a substring search), so write "
          + suggestion(token.replace("*", ""))
          + "; '*' is a wildcard only in JSON and space-delimited conditions such as"
          + " [..., status=4*, ...]";
    }
    if (body.contains("&&") || body.contains("||")) {
      return "term patterns have no && or ||: terms separated by spaces must all occur (AND);"
          + " for OR write ?term1 ?term2";
    }
    if (bad == '=' || bad == '<' || bad == '>' || bad == '!') {
      return "term patterns cannot compare fields: use a JSON pattern like { $.status = 500 } or"
          + " a space-delimited pattern like [..., status=5*, ...]; to search for the literal"
          + " text, quote it: "
          + quoted(token);
    }
    if (Character.isISOControl(bad)) {
      return null;
    }
    return "terms with characters other than letters, digits and _ must be in double quotes,"
        + " e.g. "
        + quoted(token);
  }

  /** {@code 4??}, {@code 5??}, {@code status=5??}: the common misreading of {@code ?}. */
  static String questionMarkHint(String body) {
    StringBuilder sb =
        new StringBuilder(
            "'?' marks an optional (OR) term when it starts a term (?ERROR ?WARN); it is not a"
                + " single-character wildcard, and AWS rejects it inside a term.");
    char digit = 0;
    int qq = body.indexOf("??");
    if (qq > 0 && isDigit(body.charAt(qq - 1))) {
      digit = body.charAt(qq - 1);
    } else if (qq == 0) {
      digit = 'N';
    }
    if (digit != 0) {
      sb.append(" To count ")
          .append(digit)
          .append("xx responses in uvicorn access lines like")
          .append(" 'INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 422 Unprocessable Entity'")
          .append(" use the space-delimited pattern ")
          .append(statusPattern(digit == 'N' ? '4' : digit))
          .append(" (the status is the 5th field; ")
          .append(digit == 'N' ? '4' : digit)
          .append("* means 'begins with ")
          .append(digit == 'N' ? '4' : digit)
          .append("')");
      sb.append("; a quoted \"").append(body).append("\" would only match that literal text.");
    }
    return sb.toString();
  }

  /** The delimited pattern that counts {@code <digit>xx} statuses in uvicorn access lines. */
  static String statusPattern(char digit) {
    return "[level, client, dash, request=*HTTP*, status=" + digit + "*, ...]";
  }

  private static String suggestion(String token) {
    return token.isEmpty() ? "the term without '*'" : token;
  }

  /** The token with its prefix kept outside the quotes: {@code -a/b} becomes {@code -"a/b"}. */
  static String quoted(String token) {
    String prefix = "";
    String body = token;
    if (token.startsWith("-") || token.startsWith("?")) {
      prefix = token.substring(0, 1);
      body = token.substring(1);
    }
    return prefix + "\"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
