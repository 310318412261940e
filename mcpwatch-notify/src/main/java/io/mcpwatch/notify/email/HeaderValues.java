package io.mcpwatch.notify.email;

/** Header-value hygiene: nothing that could end a header line survives. */
final class HeaderValues {
  private HeaderValues() {}

  static boolean unsafe(int c) {
    return Character.isISOControl(c) || c == 0x2028 || c == 0x2029
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
  }

  static boolean hasControl(String s) {
    return s.codePoints().anyMatch(HeaderValues::unsafe);
  }

  /** Every control, line-separator or bidi-override character becomes a space. */
  static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(unsafe(c) ? ' ' : c));
    return b.toString();
  }
}
