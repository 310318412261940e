package io.mcpwatch.pattern;

/**
 * Splits an event into space-delimited fields (spec 1.4) without allocating.
 *
 * <p>Fields are separated by runs of spaces and tabs; other characters, including newlines, belong
 * to fields. A field that starts with {@code "} runs to the next {@code "}, one that starts with
 * {@code [} to the next {@code ]}; the enclosing characters are not part of the value. When the
 * closing character is missing the field is an ordinary one (it keeps its opening character). The
 * field ends right after its closing character even if no separator follows ({@code "a"b} is two
 * fields) [UNCERTAIN: AWS documents only the well-formed cases].
 */
final class FieldSplitter {
  private FieldSplitter() {}

  /** Slots per field in the position arrays: value start, value end, raw start. */
  static final int STRIDE = 3;

  static boolean isSeparator(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * Finds the first field at or after {@code from} and writes its value start, value end and raw
   * start to {@code out[at]}, {@code out[at + 1]}, {@code out[at + 2]}.
   *
   * @param tabs whether the message contains a tab; without tabs the end of a field is found with
   *     the (vectorised) {@code String.indexOf(' ')}
   * @return the index just after the field, or -1 when there is no further field
   */
  static int next(String message, int from, boolean tabs, int[] out, int at) {
    int n = message.length();
    int i = from;
    while (i < n && isSeparator(message.charAt(i))) {
      i++;
    }
    if (i >= n) {
      return -1;
    }
    char c = message.charAt(i);
    if (c == '"' || c == '[') {
      int close = message.indexOf(c == '"' ? '"' : ']', i + 1);
      if (close >= 0) {
        out[at] = i + 1;
        out[at + 1] = close;
        out[at + 2] = i;
        return close + 1;
      }
    }
    int j;
    if (tabs) {
      j = i + 1;
      while (j < n && !isSeparator(message.charAt(j))) {
        j++;
      }
    } else {
      j = message.indexOf(' ', i + 1);
      if (j < 0) {
        j = n;
      }
    }
    out[at] = i;
    out[at + 1] = j;
    out[at + 2] = i;
    return j;
  }

  /** Index just after the last non-separator character of the message. */
  static int contentEnd(String message) {
    int end = message.length();
    while (end > 0 && isSeparator(message.charAt(end - 1))) {
      end--;
    }
    return end;
  }
}
