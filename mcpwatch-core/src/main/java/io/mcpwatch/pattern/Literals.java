package io.mcpwatch.pattern;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sets of required literals ("every match contains at least one of these"): building them from
 * the parts of a pattern, and choosing between them. A set is usable only if each literal is
 * non-empty and survives a round trip through UTF-8 unchanged (no U+FFFD, no lone surrogate), so
 * that a search on the event's UTF-8 bytes gives the same answer as {@code String.contains}.
 */
final class Literals {
  private Literals() {}

  /** The literals as a set, or null when one of them is unusable (or there are none). */
  static @Nullable List<String> anyOf(Collection<String> literals) {
    if (literals.isEmpty()) {
      return null;
    }
    for (String s : literals) {
      if (!usable(s)) {
        return null;
      }
    }
    return List.copyOf(literals);
  }

  /** The union (an OR of conditions needs one of either's literals), or null if either is null. */
  static @Nullable List<String> union(@Nullable List<String> a, @Nullable List<String> b) {
    if (a == null || b == null) {
      return null;
    }
    List<String> out = new ArrayList<>(a);
    for (String s : b) {
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The more selective of two sets that both hold (an AND of conditions): the one whose shortest
   * literal is longer, then the one with fewer literals; null only if both are null.
   */
  static @Nullable List<String> better(@Nullable List<String> a, @Nullable List<String> b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    int ma = shortest(a);
    int mb = shortest(b);
    if (ma != mb) {
      return ma > mb ? a : b;
    }
    return a.size() <= b.size() ? a : b;
  }

  private static int shortest(List<String> set) {
    int min = Integer.MAX_VALUE;
    for (String s : set) {
      min = Math.min(min, s.length());
    }
    return min;
  }

  static boolean usable(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\uFFFD') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
