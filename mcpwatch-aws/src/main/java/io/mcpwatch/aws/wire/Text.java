package io.mcpwatch.aws.wire;

/** Short, safe excerpts of client input for messages. */
public final class Text {
  private Text() {}

  /** At most {@code max} characters of {@code s}, control characters replaced by '?'. */
  public static String excerpt(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 3);
    for (int i = 0; i < s.length() && i < max; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (s.length() > max) {
      b.append("...");
    }
    return b.toString();
  }
}
