package io.mcpwatch.server.web;

/** Escaping for text echoed into HTML and XML. */
public final class Escape {
  private Escape() {}

  /**
   * Escapes {@code & < > " '} for HTML text and attribute values, and replaces control characters
   * other than tab, CR and LF (which XML 1.0 cannot carry) with U+FFFD; safe in both HTML and XML.
   */
  public static String html(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r;
      switch (c) {
        case '&':
          r = "&amp;";
          break;
        case '<':
          r = "&lt;";
          break;
        case '>':
          r = "&gt;";
          break;
        case '"':
          r = "&quot;";
          break;
        case '\'':
          r = "&#39;";
          break;
        default:
          r =
              (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF
                  ? "\uFFFD"
                  : null;
      }
      if (r != null) {
        if (b == null) {
          b = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        b.append(r);
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /**
   * {@code s} cut to {@code max} characters (with "...") and with everything outside printable
   * ASCII replaced by {@code ?}, in double quotes: safe to put into a log line or error message.
   */
  public static String quoted(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 5).append('"');
    for (int i = 0; i < s.length() && i < max; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return b.append(s.length() > max ? "...\"" : "\"").toString();
  }

  /** The same escaping as {@link #html(String)}; named for call sites that write XML. */
  public static String xml(String s) {
    return html(s);
  }
}
