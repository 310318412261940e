package io.mcpwatch.config;

import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** "Did you mean ...?" for misspelt keys and names (edit distance). */
final class Suggest {
  private Suggest() {}

  /** The candidate closest to {@code input}, if it is close enough to be a likely typo. */
  static @Nullable String closest(String input, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = input.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      int d = c.toLowerCase(Locale.ROOT).equals(lower) ? 0 : distance(input, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    int allowed = Math.max(1, Math.min(3, input.length() / 3));
    return best != null && bestDistance <= allowed ? best : null;
  }

  /** {@code " (did you mean X?)"} or empty. */
  static String didYouMean(String input, Collection<String> candidates) {
    String c = closest(input, candidates);
    return c == null ? "" : " (did you mean " + c + "?)";
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent transposition). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
