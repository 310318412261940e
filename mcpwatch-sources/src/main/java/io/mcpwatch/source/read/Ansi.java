package io.mcpwatch.source.read;

/**
 * Removes ANSI escape sequences (ECMA-48): CSI ({@code ESC [ params intermediates final}, colours
 * and cursor moves), OSC and the other string controls ({@code ESC ] ... BEL} or {@code ESC \}),
 * and two- or three-byte escapes ({@code ESC ( B}). One pass, linear in the input; a sequence cut
 * off by the end of the line is removed up to the end.
 */
final class Ansi {
  static final byte ESC = 0x1b;

  private Ansi() {}

  /** Whether the bytes hold an ESC byte (what {@code validate} warns about in samples). */
  static boolean contains(byte[] b) {
    return indexOfEsc(b, 0, b.length) >= 0;
  }

  static int indexOfEsc(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == ESC) {
        return i;
      }
    }
    return -1;
  }

  /** The text without escape sequences (the same instance if it has none). */
  static String strip(String s) {
    int first = s.indexOf(ESC);
    if (first < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    out.append(s, 0, first);
    int i = first;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c != ESC) {
        out.append(c);
        i++;
      } else {
        i = skip(s, i, n);
      }
    }
    return out.toString();
  }

  /**
   * Strips {@code b[off..off+len)} in place (escape sequences are ASCII, so UTF-8 stays valid).
   *
   * @return the new length
   */
  static int strip(byte[] b, int off, int len) {
    int first = indexOfEsc(b, off, off + len);
    if (first < 0) {
      return len;
    }
    int end = off + len;
    ByteChars chars = new ByteChars(b);
    int o = first;
    int i = first;
    while (i < end) {
      if (b[i] != ESC) {
        b[o++] = b[i++];
      } else {
        i = skip(chars, i, end);
      }
    }
    return o - off;
  }

  /** The index after the escape sequence starting at {@code i} (an ESC). */
  private static int skip(CharSequence s, int i, int n) {
    int j = i + 1;
    if (j >= n) {
      return n;
    }
    char c = s.charAt(j);
    if (c == '[') { // CSI: parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, final 0x40-0x7E
      j++;
      while (j < n && s.charAt(j) >= 0x30 && s.charAt(j) <= 0x3F) {
        j++;
      }
      while (j < n && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x2F) {
        j++;
      }
      if (j < n && s.charAt(j) >= 0x40 && s.charAt(j) <= 0x7E) {
        j++;
      }
      return j; // malformed: the sequence ends where it broke (never past another ESC)
    }
    if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') { // string: up to BEL or ST
      j++;
      while (j < n) {
        char d = s.charAt(j);
        if (d == 0x07) {
          return j + 1;
        }
        if (d == ESC) {
          return j + 1 < n && s.charAt(j + 1) == '\\' ? j + 2 : j;
        }
        j++;
      }
      return n;
    }
    while (j < n && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x2F) { // nF: intermediates, final
      j++;
    }
    if (j < n && s.charAt(j) >= 0x30 && s.charAt(j) <= 0x7E) {
      j++;
    }
    return j;
  }

  /** Bytes seen as chars (only ASCII matters to {@link #skip}). */
  private static final class ByteChars implements CharSequence {
    private final byte[] b;

    ByteChars(byte[] b) {
      this.b = b;
    }

    @Override
    public int length() {
      return b.length;
    }

    @Override
    public char charAt(int index) {
      return (char) (b[index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String toString() {
      return "bytes";
    }
  }
}
