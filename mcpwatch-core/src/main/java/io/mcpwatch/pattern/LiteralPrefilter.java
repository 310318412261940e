package io.mcpwatch.pattern;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A byte-level test that rejects messages none of a set of patterns can match, before the message
 * is decoded into a {@code String} (as ripgrep and Hyperscan do with required literals). Built from
 * all the patterns of one log group: each pattern contributes its {@link
 * FilterPattern#requiredLiterals()}, and a message that contains none of them matches none of the
 * patterns. If any pattern has no required literal there is no prefilter ({@link #of} returns
 * null). Matching is case-sensitive, as CloudWatch's is. Immutable and thread-safe.
 *
 * <pre>{@code
 * LiteralPrefilter p = LiteralPrefilter.of(patternsOfTheGroup);   // null: every message may match
 * if (p == null || p.mayMatch(utf8, from, to)) { decode and match } else { no pattern matches }
 * }</pre>
 *
 * <p>The test is exact for the UTF-8 bytes of the message itself: UTF-8 is self-synchronising, so
 * a literal occurs in the bytes exactly when it occurs in the decoded text (literals with U+FFFD or
 * a lone surrogate are never used). It must not be run on the escaped form of a message (a JSON
 * string with backslash escapes), only on the unescaped bytes.
 */
public final class LiteralPrefilter {
  /** Literals by their first byte; shorter ones first. */
  private final byte[][][] byFirst = new byte[256][][];

  private final int shortest;
  private final List<String> literals;

  private LiteralPrefilter(List<String> literals) {
    this.literals = List.copyOf(literals);
    List<List<byte[]>> lists = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      lists.add(new ArrayList<>());
    }
    int min = Integer.MAX_VALUE;
    for (String s : literals) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      lists.get(b[0] & 0xFF).add(b);
      min = Math.min(min, b.length);
    }
    for (int i = 0; i < 256; i++) {
      List<byte[]> l = lists.get(i);
      if (!l.isEmpty()) {
        l.sort(Comparator.comparingInt(b -> b.length));
        byFirst[i] = l.toArray(new byte[0][]);
      }
    }
    this.shortest = min;
  }

  /**
   * The prefilter for a log group's patterns, or null when some pattern has no required literal
   * (or there are no patterns): then every message must be decoded and matched.
   */
  public static @Nullable LiteralPrefilter of(Collection<FilterPattern> patterns) {
    if (patterns.isEmpty()) {
      return null;
    }
    List<String> all = new ArrayList<>();
    for (FilterPattern p : patterns) {
      List<String> required = p.requiredLiterals();
      if (required == null) {
        return null;
      }
      for (String s : required) {
        if (!Literals.usable(s)) {
          return null;
        }
        if (!all.contains(s)) {
          all.add(s);
        }
      }
    }
    // a literal that contains another one is redundant: the shorter one occurs whenever it does
    List<String> kept = new ArrayList<>();
    for (String s : all) {
      boolean redundant = false;
      for (String t : all) {
        if (!t.equals(s) && s.contains(t)) {
          redundant = true;
          break;
        }
      }
      if (!redundant) {
        kept.add(s);
      }
    }
    return new LiteralPrefilter(kept);
  }

  /** The literals searched for (one of them occurs in every message a pattern can match). */
  public List<String> literals() {
    return literals;
  }

  /** Whether {@code b[from..to)}, a message's UTF-8 bytes, contains one of the literals. */
  public boolean mayMatch(byte[] b, int from, int to) {
    int last = to - shortest;
    for (int i = from; i <= last; i++) {
      byte[][] candidates = byFirst[b[i] & 0xFF];
      if (candidates != null && anyAt(candidates, b, i, to)) {
        return true;
      }
    }
    return false;
  }

  /** {@link #mayMatch(byte[], int, int)} on a decoded message (tests, callers holding a String). */
  public boolean mayMatch(String message) {
    for (String s : literals) {
      if (message.contains(s)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyAt(byte[][] candidates, byte[] b, int at, int to) {
    for (byte[] c : candidates) {
      int end = at + c.length;
      if (end > to) {
        return false; // sorted by length: the rest are longer
      }
      if (regionEquals(c, b, at)) {
        return true;
      }
    }
    return false;
  }

  private static boolean regionEquals(byte[] lit, byte[] b, int at) {
    for (int k = 1; k < lit.length; k++) {
      if (lit[k] != b[at + k]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "LiteralPrefilter" + literals;
  }
}
