package io.mcpwatch.cli;

/** Small helpers for printing user data on one terminal line. */
final class Text {
  private Text() {}

  /** Shows control characters (newlines in multi-line events) as escapes, so one event stays one line. */
  static String oneLine(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        switch (c) {
          case '\n':
            sb.append("\\n");
            break;
          case '\r':
            sb.append("\\r");
            break;
          case '\t':
            sb.append("\\t");
            break;
          default:
            sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
        }
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  static String quoteIfNeeded(String v) {
    return v.isEmpty() || v.indexOf(' ') >= 0 ? '"' + oneLine(v) + '"' : oneLine(v);
  }
}
