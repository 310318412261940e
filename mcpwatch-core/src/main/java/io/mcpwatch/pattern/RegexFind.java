package io.mcpwatch.pattern;

import com.google.re2j.Pattern;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A compiled {@code %regex%} body and the cheapest exact way to find it in a text. Immutable and
 * thread-safe.
 *
 * <p>When every top-level alternative is a run of literal characters (escapes such as {@code \.}
 * and {@code \x22} included), optionally anchored with {@code ^} at its start and {@code $} at its
 * end, the find is a {@code contains}, {@code startsWith}, {@code endsWith} or {@code equals} per
 * alternative: {@code %HTTP/1\.1\x22 4%} is a substring search and {@code %^ERROR:|^CRITICAL:%} two
 * prefix checks. Otherwise re2j runs, after a check that the text holds one of the body's required
 * literals (without one it cannot match). Both short cuts give re2j's answer (the anchors span the
 * whole text: no multi-line mode, {@code $} only at the very end).
 */
final class RegexFind {
  static final byte START = 1;
  static final byte END = 2;

  private final Pattern regex;

  /** Per alternative, its literal text, when every alternative is one; else null. */
  private final String @Nullable [] texts;

  /** Per alternative, {@link #START} and/or {@link #END}. */
  private final byte @Nullable [] anchors;

  private final @Nullable List<String> required;

  RegexFind(
      Pattern regex,
      String @Nullable [] texts,
      byte @Nullable [] anchors,
      @Nullable List<String> required) {
    this.regex = regex;
    this.texts = texts;
    this.anchors = anchors;
    this.required = required;
  }

  /** Whether finding runs re2j (not every alternative is plain text). */
  boolean usesEngine() {
    return texts == null;
  }

  /** Whether the regex finds a match anywhere in {@code s} (re2j's {@code matcher(s).find()}). */
  boolean find(String s) {
    String[] t = texts;
    byte[] a = anchors;
    if (t != null && a != null) {
      for (int k = 0; k < t.length; k++) {
        boolean hit =
            switch (a[k]) {
              case START -> s.startsWith(t[k]);
              case END -> s.endsWith(t[k]);
              case START | END -> s.equals(t[k]);
              default -> s.contains(t[k]);
            };
        if (hit) {
          return true;
        }
      }
      return false;
    }
    List<String> r = required;
    if (r != null && !containsAny(s, r)) {
      return false;
    }
    return regex.matcher(s).find();
  }

  private static boolean containsAny(String s, List<String> literals) {
    for (int k = 0; k < literals.size(); k++) {
      if (s.contains(literals.get(k))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Literals of which every text the regex finds a match in contains one, or null: per top-level
   * alternative the longest run of literal characters that no quantifier makes optional or repeats
   * ({@code ab+c} needs {@code ab}, {@code ab?c} needs {@code a} or {@code c}); an alternative
   * without such a run (e.g. {@code ^.*}, {@code [0-9]+}) gives null.
   */
  @Nullable List<String> required() {
    return required;
  }

  /** Whether {@link #find} is plain string comparisons (no regex engine). */
  boolean isLiteral() {
    return texts != null;
  }

  /** The re2j pattern (tests compare the short cuts with it). */
  Pattern regex() {
    return regex;
  }
}
