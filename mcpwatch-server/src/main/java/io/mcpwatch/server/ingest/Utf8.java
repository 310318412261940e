package io.mcpwatch.server.ingest;

/** UTF-8 sizes without encoding. */
final class Utf8 {
  private Utf8() {}

  /** The UTF-8 length of {@code s}; an unpaired surrogate counts as 3 bytes (an upper bound). */
  static long length(String s) {
    long n = 0;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
