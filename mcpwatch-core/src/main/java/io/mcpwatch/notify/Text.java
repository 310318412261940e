package io.mcpwatch.notify;

/**
 * Text safety for everything that alarm names, descriptions, reasons and log lines flow into. A
 * log line or an alarm name is attacker-influenced: it must not add headers, fake body lines or
 * hide text behind bidirectional overrides.
 */
final class Text {
  private Text() {}

  /**
   * Whether {@code c} must not appear verbatim in a header or in a one-line body field: ISO control
   * characters (including CR, LF, TAB, NEL), the Unicode line and paragraph separators, and the
   * bidirectional embedding/override/isolate characters (Trojan Source).
   */
  static boolean unsafe(int c) {
    return Character.isISOControl(c)
        || c == 0x2028
        || c == 0x2029
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0xFEFF;
  }

  /** Whether {@code s} contains a character that {@link #unsafe(int)} rejects. */
  static boolean hasUnsafe(String s) {
    return s.codePoints().anyMatch(Text::unsafe);
  }

  /**
   * One visible line: CR, LF and TAB become {@code \r}, {@code \n}, {@code \t}; other unsafe
   * characters become {@code \}{@code uXXXX}. Then truncated to {@code maxChars} characters (not
   * splitting a surrogate pair), with {@code ...} appended when cut.
   */
  static String oneLine(String s, int maxChars) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), maxChars) + 16);
    int i = 0;
    while (i < s.length() && b.length() < maxChars) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\r') {
        b.append("\\r");
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (unsafe(c)) {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04X", c));
      } else {
        b.appendCodePoint(c);
      }
    }
    if (i < s.length()) {
      b.append("...");
    }
    return b.toString();
  }

  /** A header-safe value: every unsafe character becomes a space (no CR/LF can survive). */
  static String headerSafe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(unsafe(c) ? ' ' : c));
    return b.toString();
  }

  /**
   * Cuts {@code s} to at most {@code maxChars} UTF-16 units, never inside a surrogate pair, adding
   * {@code ...} (counted in the limit) when cut.
   */
  static String truncate(String s, int maxChars) {
    if (s.length() <= maxChars) {
      return s;
    }
    int end = Math.max(0, maxChars - 3);
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "...";
  }

  /** For error messages: quoted, one line, at most 80 characters. */
  static String quoteForMessage(String s) {
    return "\"" + oneLine(s, 80) + "\"";
  }

  /**
   * A URL with everything that may be secret removed: the user-info, the path, the query and the
   * fragment ({@code https://hooks.slack.com/services/T/B/secret} becomes {@code
   * https://hooks.slack.com/...}). Webhook URLs are credentials; only this form may be logged.
   */
  static String redactUrl(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return "<url>";
    }
    int start = scheme + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    String authority = url.substring(start, end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    return oneLine(url.substring(0, start) + authority, 200) + (end < url.length() ? "/..." : "");
  }
}
