package io.mcpwatch.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * A lenient tokenizer for term patterns that never throws, so that patterns AWS rejects (such as
 * {@code 4??}) can still be explained.
 */
final class RawTerms {
  private RawTerms() {}

  /**
   * One token.
   *
   * @param prefix {@code '-'}, {@code '?'} or 0
   * @param text the term without prefix and quotes
   * @param quoted whether it was in double quotes
   * @param column 1-based column of the token (its prefix) in the pattern
   */
  record Raw(char prefix, String text, boolean quoted, int column) {
    String written() {
      String body = quoted ? "\"" + text + "\"" : text;
      return prefix == 0 ? body : prefix + body;
    }
  }

  static List<Raw> scan(String pattern) {
    List<Raw> out = new ArrayList<>();
    int i = 0;
    int n = pattern.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(pattern.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      char prefix = 0;
      if (pattern.charAt(i) == '-' || pattern.charAt(i) == '?') {
        prefix = pattern.charAt(i);
        i++;
      }
      if (i < n && pattern.charAt(i) == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < n && pattern.charAt(i) != '"') {
          if (pattern.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          sb.append(pattern.charAt(i));
          i++;
        }
        i++;
        out.add(new Raw(prefix, sb.toString(), true, start + 1));
      } else {
        int from = i;
        while (i < n && !Character.isWhitespace(pattern.charAt(i))) {
          i++;
        }
        out.add(new Raw(prefix, pattern.substring(from, i), false, start + 1));
      }
    }
    return out;
  }
}
