package io.mcpwatch.source.read;

import io.mcpwatch.pattern.Swar;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path for one-object-per-line JSON: checks the structure of the object's top level
 * without building anything and records where the values of a few known keys are. It is lenient
 * about what it does not use (raw control characters inside strings, the contents of ignored nested
 * values); whatever it does not understand makes {@link #scan} return false, and the caller then
 * asks Jackson, which also words the error.
 */
final class JsonScanner {
  static final byte ABSENT = 0;
  static final byte STRING = 1;
  static final byte ESCAPED_STRING = 2;
  static final byte NUMBER = 3;
  static final byte OTHER = 4;

  private final byte[][] keys;

  /** Each key's first eight bytes (little-endian) and the mask of the bytes that belong to it. */
  private final long[] keyWords;

  private final long[] keyMasks;

  /** Value span per key slot: for strings, the content between the quotes. */
  final int[] start;

  final int[] end;
  final byte[] kind;

  JsonScanner(String... keyNames) {
    keys = new byte[keyNames.length][];
    for (int k = 0; k < keyNames.length; k++) {
      keys[k] = keyNames[k].getBytes(StandardCharsets.US_ASCII);
    }
    keyWords = new long[keyNames.length];
    keyMasks = new long[keyNames.length];
    for (int k = 0; k < keyNames.length; k++) {
      int n = Math.min(8, keys[k].length);
      for (int i = 0; i < n; i++) {
        keyWords[k] |= (keys[k][i] & 0xFFL) << (8 * i);
      }
      keyMasks[k] = n == 8 ? -1L : (1L << (8 * n)) - 1;
    }
    start = new int[keyNames.length];
    end = new int[keyNames.length];
    kind = new byte[keyNames.length];
  }

  /**
   * Scans {@code b[from..to)}. True: it is one JSON object (surrounded by optional whitespace) and
   * the known keys' values are recorded (the last occurrence wins); false: use the slow path.
   */
  boolean scan(byte[] b, int from, int to) {
    Arrays.fill(kind, ABSENT);
    int i = skipWs(b, from, to);
    if (i >= to || b[i] != '{') {
      return false;
    }
    i = skipWs(b, i + 1, to);
    if (i < to && b[i] == '}') {
      return skipWs(b, i + 1, to) == to;
    }
    while (true) {
      if (i >= to || b[i] != '"') {
        return false;
      }
      int ks = i + 1;
      int ke = Swar.indexOfQuoteOrBackslash(b, ks, to);
      if (ke < 0 || b[ke] == '\\') {
        return false; // escaped key names are rare: let Jackson read them
      }
      int slot = slotOf(b, ks, ke);
      i = skipWs(b, ke + 1, to);
      if (i >= to || b[i] != ':') {
        return false;
      }
      i = skipWs(b, i + 1, to);
      if (i >= to) {
        return false;
      }
      byte c = b[i];
      int vs;
      int ve;
      byte k;
      if (c == '"') {
        vs = i + 1;
        long q = JsonStrings.closingQuote(b, vs, to);
        if (q < 0) {
          return false;
        }
        ve = (int) (q >> 2);
        k = (q & JsonStrings.ESCAPED) != 0 ? ESCAPED_STRING : STRING;
        i = ve + 1;
      } else if (c == '{' || c == '[') {
        vs = i;
        i = skipNested(b, i, to);
        if (i < 0) {
          return false;
        }
        ve = i;
        k = OTHER;
      } else {
        vs = i;
        i = skipScalar(b, i, to);
        if (i < 0) {
          return false;
        }
        ve = i;
        k = c == '-' || Timestamps.isDigit(c) ? NUMBER : OTHER;
      }
      if (slot >= 0) {
        start[slot] = vs;
        end[slot] = ve;
        kind[slot] = k;
      }
      i = skipWs(b, i, to);
      if (i >= to) {
        return false;
      }
      if (b[i] == ',') {
        i = skipWs(b, i + 1, to);
      } else if (b[i] == '}') {
        return skipWs(b, i + 1, to) == to;
      } else {
        return false;
      }
    }
  }

  private int slotOf(byte[] b, int ks, int ke) {
    int len = ke - ks;
    boolean wordable = ks + 8 <= b.length;
    long word = wordable ? Swar.word(b, ks) : 0;
    for (int k = 0; k < keys.length; k++) {
      byte[] key = keys[k];
      if (key.length != len) {
        continue;
      }
      if (wordable) {
        if (((word ^ keyWords[k]) & keyMasks[k]) == 0
            && (len <= 8 || Arrays.equals(key, 8, len, b, ks + 8, ke))) {
          return k;
        }
      } else if (Arrays.equals(key, 0, len, b, ks, ke)) {
        return k;
      }
    }
    return -1;
  }

  static int skipWs(byte[] b, int i, int to) {
    while (i < to && isWs(b[i])) {
      i++;
    }
    return i;
  }

  /** JSON whitespace. */
  static boolean isWs(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /** A number ({@code [-+0-9.eE]+}) or true/false/null; returns the index after it, or -1. */
  private static int skipScalar(byte[] b, int i, int to) {
    byte c = b[i];
    if (c == 't') {
      return literal(b, i, to, "true");
    } else if (c == 'f') {
      return literal(b, i, to, "false");
    } else if (c == 'n') {
      return literal(b, i, to, "null");
    }
    int j = i;
    while (j < to) {
      byte x = b[j];
      if (Timestamps.isDigit(x) || x == '-' || x == '+' || x == '.' || x == 'e' || x == 'E') {
        j++;
      } else {
        break;
      }
    }
    return j == i ? -1 : j;
  }

  private static int literal(byte[] b, int i, int to, String word) {
    int n = word.length();
    if (to - i < n) {
      return -1;
    }
    for (int k = 0; k < n; k++) {
      if (b[i + k] != word.charAt(k)) {
        return -1;
      }
    }
    return i + n;
  }

  /** Skips a nested object or array (string-aware); returns the index after it, or -1. */
  private static int skipNested(byte[] b, int i, int to) {
    int depth = 0;
    for (int j = i; j < to; j++) {
      byte x = b[j];
      if (x == '"') {
        j++;
        while (j < to && b[j] != '"') {
          j += b[j] == '\\' ? 2 : 1;
        }
        if (j >= to) {
          return -1;
        }
      } else if (x == '{' || x == '[') {
        depth++;
      } else if (x == '}' || x == ']') {
        depth--;
        if (depth == 0) {
          return j + 1;
        }
      }
    }
    return -1;
  }
}
