package io.mcpwatch.pattern;

/** Character classes shared by the pattern parsers. */
final class Chars {
  private Chars() {}

  /** Whitespace that separates the parts of a pattern (ASCII only). */
  static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  /** The characters an unquoted term (after its prefix) may contain: {@code [A-Za-z0-9_]}. */
  static boolean isWord(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Index of the first non-blank character at or after {@code from}, or {@code s.length()}. */
  static int skipBlanks(String s, int from) {
    int i = from;
    while (i < s.length() && isBlank(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Index just after the last non-blank character, or 0 when the text is blank. */
  static int trimEnd(String s) {
    int end = s.length();
    while (end > 0 && isBlank(s.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  /** A printable form of one character for error details: {@code 'x'} or {@code U+0009}. */
  static String describe(char c) {
    if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) || Character.isSpaceChar(c) && c != ' ') {
      return String.format(java.util.Locale.ROOT, "U+%04X", (int) c);
    }
    return "'" + c + "'";
  }
}
