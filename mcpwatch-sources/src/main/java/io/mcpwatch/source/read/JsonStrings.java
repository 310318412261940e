package io.mcpwatch.source.read;

import io.mcpwatch.pattern.Swar;

/** JSON string unescaping on UTF-8 bytes. */
final class JsonStrings {
  private JsonStrings() {}

  /**
   * Finds the closing quote of the JSON string whose content starts at {@code from}.
   *
   * @return {@code -1} when there is none before {@code to}; otherwise the quote's index shifted
   *     left by two, with bit 0 set when the content has escapes and bit 1 set when one of them is
   *     not one of {@code \" \\ \n \t \r \b \f} ({@code \/}, {@code \}{@code uXXXX} or an invalid one):
   *     {@code end = r >> 2}, {@code escaped = (r & 1) != 0}, {@code simple = (r & 2) == 0}
   */
  static long closingQuote(byte[] b, int from, int to) {
    int j = from;
    long flags = 0;
    while (true) {
      j = Swar.indexOfQuoteOrBackslash(b, j, to);
      if (j < 0) {
        return -1;
      }
      if (b[j] == '"') {
        return ((long) j << 2) | flags;
      }
      flags |= ESCAPED;
      if (j + 1 < to) {
        byte e = b[j + 1];
        if (e != '"' && e != '\\' && e != 'n' && e != 't' && e != 'r' && e != 'b' && e != 'f') {
          flags |= NOT_SIMPLE;
        }
      }
      j += 2; // the backslash and the byte it escapes
    }
  }

  /** {@link #closingQuote}'s bit: the string has escapes. */
  static final long ESCAPED = 1;

  /** {@link #closingQuote}'s bit: an escape is {@code \/}, {@code \}{@code uXXXX} or invalid. */
  static final long NOT_SIMPLE = 2;

  /**
   * Unescapes the JSON string content {@code b[from..to)} (without its quotes) into {@code out}, as
   * UTF-8. {@code out} needs at least {@code to - from} bytes: unescaping never grows. {@code
   * \}{@code uXXXX} surrogate pairs become one 4-byte sequence; a lone surrogate becomes U+FFFD.
   * Other bytes are copied as they are (invalid UTF-8 is replaced later, when the String is made).
   *
   * @return the number of bytes written, or -1 for an invalid escape
   */
  static int unescape(byte[] b, int from, int to, byte[] out) {
    int o = 0;
    int i = from;
    while (i < to) {
      int bs = Swar.indexOfBackslash(b, i, to);
      int run = (bs < 0 ? to : bs) - i;
      System.arraycopy(b, i, out, o, run);
      o += run;
      i += run;
      if (bs < 0) {
        break;
      }
      if (i + 1 >= to) {
        return -1;
      }
      byte e = b[i + 1];
      i += 2;
      switch (e) {
        case '"':
          out[o++] = '"';
          break;
        case '\\':
          out[o++] = '\\';
          break;
        case '/':
          out[o++] = '/';
          break;
        case 'n':
          out[o++] = '\n';
          break;
        case 't':
          out[o++] = '\t';
          break;
        case 'r':
          out[o++] = '\r';
          break;
        case 'b':
          out[o++] = '\b';
          break;
        case 'f':
          out[o++] = '\f';
          break;
        case 'u':
          int cp = hex4(b, i, to);
          if (cp < 0) {
            return -1;
          }
          i += 4;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            int low = i + 1 < to && b[i] == '\\' && b[i + 1] == 'u' ? hex4(b, i + 2, to) : -1;
            if (low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
              i += 6;
            } else {
              cp = 0xFFFD;
            }
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = 0xFFFD;
          }
          o = putUtf8(out, o, cp);
          break;
        default:
          return -1;
      }
    }
    return o;
  }

  /**
   * Whether {@link #unescape} succeeds on {@code b[from..to)}: every escape is one of {@code \" \\
   * \/ \b \f \n \r \t} or {@code \}{@code u} with four hex digits. Nothing is written.
   */
  static boolean validEscapes(byte[] b, int from, int to) {
    int i = from;
    while (true) {
      int bs = Swar.indexOfBackslash(b, i, to);
      if (bs < 0) {
        return true;
      }
      if (bs + 1 >= to) {
        return false;
      }
      switch (b[bs + 1]) {
        case '"':
        case '\\':
        case '/':
        case 'n':
        case 't':
        case 'r':
        case 'b':
        case 'f':
          i = bs + 2;
          break;
        case 'u':
          if (hex4(b, bs + 2, to) < 0) {
            return false;
          }
          i = bs + 6;
          break;
        default:
          return false;
      }
    }
  }

  private static int hex4(byte[] b, int i, int to) {
    if (to - i < 4) {
      return -1;
    }
    int v = 0;
    for (int k = 0; k < 4; k++) {
      int d = Character.digit(b[i + k], 16);
      if (d < 0) {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private static int putUtf8(byte[] out, int o, int cp) {
    if (cp < 0x80) {
      out[o++] = (byte) cp;
    } else if (cp < 0x800) {
      out[o++] = (byte) (0xC0 | (cp >> 6));
      out[o++] = (byte) (0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out[o++] = (byte) (0xE0 | (cp >> 12));
      out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      out[o++] = (byte) (0x80 | (cp & 0x3F));
    } else {
      out[o++] = (byte) (0xF0 | (cp >> 18));
      out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
      out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      out[o++] = (byte) (0x80 | (cp & 0x3F));
    }
    return o;
  }
}
