package io.mcpwatch.pattern;

/** Strict decimal numbers: what a metric value, a default value or an extracted value may be. */
final class Numbers {
  private Numbers() {}

  /**
   * Whether {@code s} is {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}: no
   * blanks, no {@code NaN}, {@code Infinity}, hex, or Java suffixes.
   */
  static boolean isDecimal(CharSequence s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int intDigits = 0;
    while (i < n && Chars.isDigit(s.charAt(i))) {
      i++;
      intDigits++;
    }
    int fracDigits = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Chars.isDigit(s.charAt(i))) {
        i++;
        fracDigits++;
      }
    }
    if (intDigits + fracDigits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && Chars.isDigit(s.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  /** The value of a strict decimal, or NaN when {@code s} is not one or is not finite. */
  static double parse(String s) {
    if (!isDecimal(s)) {
      return Double.NaN;
    }
    double d = Double.parseDouble(s);
    return Double.isInfinite(d) ? Double.NaN : d;
  }
}
