package io.mcpwatch.pattern;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A byte-level test that rejects messages none of a set of patterns can match, before the message
 * is decoded into a {@code String} (as ripgrep and Hyperscan do with required literals). Built from
 * all the patterns of one log group: each pattern contributes its {@link
 * FilterPattern#requiredAll()}, sets of literals of which a message it matches contains one from
 * each, so a message that satisfies no pattern's sets matches none of the patterns ({@code status=4*}
 * after other fields needs {@code HTTP} and {@code " 4"} or another field start, which most access
 * lines lack). If any pattern has no required literal there is no prefilter ({@link #of} returns
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
  /** Sets of all patterns together beyond which each pattern keeps only its best set. */
  private static final int MAX_SETS = 64;

  /** Literal indexes by their first byte; shorter ones first. */
  private final int[][] byFirst = new int[256][];

  private final byte[][] bytes;

  /** Per literal, the sets (bits) it belongs to. */
  private final long[] setsOf;

  /** Per pattern, the sets (bits) it needs; a message may match when one pattern has all. */
  private final long[] needs;

  private final int shortest;
  private final List<String> literals;

  private LiteralPrefilter(List<String> literals, long[] setsOf, long[] needs) {
    this.literals = List.copyOf(literals);
    this.setsOf = setsOf;
    this.needs = needs;
    this.bytes = new byte[literals.size()][];
    int min = Integer.MAX_VALUE;
    for (int k = 0; k < literals.size(); k++) {
      bytes[k] = literals.get(k).getBytes(StandardCharsets.UTF_8);
      min = Math.min(min, bytes[k].length);
    }
    Integer[] order = new Integer[bytes.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    // by first byte, shorter ones first
    Arrays.sort(order, Comparator.<Integer>comparingInt(k -> bytes[k][0] & 0xFF)
        .thenComparingInt(k -> bytes[k].length));
    for (int from = 0; from < order.length; ) {
      int first = bytes[order[from]][0] & 0xFF;
      int to = from;
      while (to < order.length && (bytes[order[to]][0] & 0xFF) == first) {
        to++;
      }
      int[] ks = new int[to - from];
      for (int i = from; i < to; i++) {
        ks[i - from] = order[i];
      }
      byFirst[first] = ks;
      from = to;
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
    List<List<List<String>>> perPattern = new ArrayList<>();
    int total = 0;
    for (FilterPattern p : patterns) {
      List<List<String>> all = p.requiredAll();
      if (all == null || all.isEmpty()) {
        return null;
      }
      List<List<String>> usable = new ArrayList<>();
      for (List<String> set : all) {
        if (set.stream().allMatch(Literals::usable)) {
          usable.add(set);
        }
      }
      if (usable.isEmpty()) {
        return null;
      }
      usable = withoutImplied(usable);
      perPattern.add(usable);
      total += usable.size();
    }
    if (total > MAX_SETS) { // each pattern keeps its most selective set alone
      List<List<List<String>>> one = new ArrayList<>();
      for (List<List<String>> sets : perPattern) {
        List<String> best = null;
        for (List<String> set : sets) {
          best = Literals.better(best, set);
        }
        one.add(List.of(best));
      }
      perPattern = one;
    }
    List<List<String>> sets = new ArrayList<>(); // distinct sets, numbered by position
    List<String> literals = new ArrayList<>();
    List<Long> setsOf = new ArrayList<>();
    long[] needs = new long[perPattern.size()];
    for (int p = 0; p < perPattern.size(); p++) {
      for (List<String> set : perPattern.get(p)) {
        int bit = sets.indexOf(set);
        if (bit < 0) {
          bit = sets.size();
          sets.add(set);
          for (String s : set) {
            int k = literals.indexOf(s);
            if (k < 0) {
              literals.add(s);
              setsOf.add(0L);
              k = literals.size() - 1;
            }
            setsOf.set(k, setsOf.get(k) | 1L << bit);
          }
        }
        needs[p] |= 1L << bit;
      }
    }
    long[] of = new long[literals.size()];
    for (int k = 0; k < of.length; k++) {
      of[k] = setsOf.get(k);
    }
    return new LiteralPrefilter(literals, of, needs);
  }

  /**
   * The sets without those another one implies: a set whose every literal contains a literal of
   * set B is at least as strict as B ({@code [" 4", "[4"]} implies {@code ["4"]}).
   */
  private static List<List<String>> withoutImplied(List<List<String>> sets) {
    List<List<String>> kept = new ArrayList<>();
    for (int b = 0; b < sets.size(); b++) {
      boolean implied = false;
      for (int a = 0; a < sets.size() && !implied; a++) {
        if (a != b && implies(sets.get(a), sets.get(b))
            && !(implies(sets.get(b), sets.get(a)) && b < a)) {
          implied = true;
        }
      }
      if (!implied && !kept.contains(sets.get(b))) {
        kept.add(sets.get(b));
      }
    }
    return kept;
  }

  private static boolean implies(List<String> a, List<String> b) {
    for (String s : a) {
      boolean containsOne = false;
      for (String t : b) {
        if (s.contains(t)) {
          containsOne = true;
          break;
        }
      }
      if (!containsOne) {
        return false;
      }
    }
    return true;
  }

  /** The literals searched for. */
  public List<String> literals() {
    return literals;
  }

  /** Whether {@code b[from..to)}, a message's UTF-8 bytes, may match one of the patterns. */
  public boolean mayMatch(byte[] b, int from, int to) {
    int last = to - shortest;
    long hits = 0;
    for (int i = from; i <= last; i++) {
      int[] candidates = byFirst[b[i] & 0xFF];
      if (candidates == null) {
        continue;
      }
      for (int k : candidates) {
        byte[] lit = bytes[k];
        int end = i + lit.length;
        if (end > to) {
          break; // sorted by length: the rest are longer
        }
        if (lit[lit.length - 1] != b[end - 1]) {
          continue; // the last byte differs: the cheap test that rejects most candidates
        }
        long more = setsOf[k];
        if ((hits | more) != hits && regionEquals(lit, b, i)) {
          hits |= more;
          if (satisfied(hits)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** {@link #mayMatch(byte[], int, int)} on a decoded message (tests, callers holding a String). */
  public boolean mayMatch(String message) {
    long hits = 0;
    for (int k = 0; k < literals.size(); k++) {
      if (message.contains(literals.get(k))) {
        hits |= setsOf[k];
      }
    }
    return satisfied(hits);
  }

  private boolean satisfied(long hits) {
    for (long need : needs) {
      if ((hits & need) == need) {
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
