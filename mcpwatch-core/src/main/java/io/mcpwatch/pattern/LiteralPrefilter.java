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

  /**
   * The word-at-a-time scan ({@link #mayMatchByAnchors}): each literal is looked for only where its
   * anchor, its rarest byte in log text, occurs, and the distinct anchors (at most {@link
   * #MAX_ANCHORS}) are found eight bytes at a time. Null with more anchors: the byte loop.
   */
  private final long @Nullable [] anchorWords;

  /** Per byte value, the literals whose anchor it is. */
  private final int[][] byAnchor = new int[256][];

  /** Per literal, the offset of its anchor in it. */
  private final int[] anchorAt;

  /**
   * Per anchor byte, the bytes that may come right before it (a 256-bit set), or null when a
   * literal starts with it: most occurrences of a common anchor ({@code 4} of {@code " 4"}, {@code
   * "4}, ...) are ruled out by the byte before them alone.
   */
  private final long[][] before = new long[256][];

  /** {@link #inJsonStrings()}; null when there is none or this is one. */
  private final @Nullable LiteralPrefilter inJson;

  private LiteralPrefilter(List<String> literals, long[] setsOf, long[] needs) {
    this(literals, setsOf, needs, true);
  }

  private LiteralPrefilter(List<String> literals, long[] setsOf, long[] needs, boolean withInJson) {
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
    this.anchorAt = new int[bytes.length];
    this.anchorWords = anchors(bytes, anchorAt, byAnchor);
    for (int v = 0; v < 256; v++) {
      int[] ks = byAnchor[v];
      if (ks == null) {
        continue;
      }
      long[] set = new long[4];
      for (int k : ks) {
        if (anchorAt[k] == 0) {
          set = null;
          break;
        }
        int p = bytes[k][anchorAt[k] - 1] & 0xFF;
        set[p >>> 6] |= 1L << p;
      }
      before[v] = set;
    }
    this.inJson = withInJson ? jsonEscaped(literals, setsOf, needs) : null;
  }

  /** The escapes of a JSON string that {@link #inJsonStrings()} expects, and the bytes they stand for. */
  private static final String SIMPLE_ESCAPED = "\"\\\n\t\r\b\f";

  private static final String SIMPLE_ESCAPES = "\"\\ntrbf";

  /** Forms of one literal beyond which there is no {@link #inJsonStrings()} prefilter. */
  private static final int MAX_FORMS = 4;

  /**
   * The prefilter of the same literals as written inside a JSON string whose escapes are all {@code
   * \" \\ \n \t \r \b \f}: {@code "} and {@code \} must be escaped there, a control character
   * may be escaped or not (every combination is a literal of the same sets), and every other byte
   * is itself. Null when a literal would have more than {@link #MAX_FORMS} forms.
   */
  private static @Nullable LiteralPrefilter jsonEscaped(List<String> literals, long[] setsOf, long[] needs) {
    List<String> out = new ArrayList<>();
    List<Long> outSets = new ArrayList<>();
    for (int k = 0; k < literals.size(); k++) {
      List<StringBuilder> forms = new ArrayList<>(List.of(new StringBuilder()));
      String lit = literals.get(k);
      for (int i = 0; i < lit.length(); i++) {
        char c = lit.charAt(i);
        int e = SIMPLE_ESCAPED.indexOf(c);
        if (e < 0) {
          forms.forEach(f -> f.append(c));
        } else if (c == '"' || c == '\\') {
          forms.forEach(f -> f.append('\\').append(c));
        } else {
          List<StringBuilder> escaped = new ArrayList<>();
          for (StringBuilder f : forms) {
            escaped.add(new StringBuilder(f).append('\\').append(SIMPLE_ESCAPES.charAt(e)));
            f.append(c);
          }
          forms.addAll(escaped);
          if (forms.size() > MAX_FORMS) {
            return null;
          }
        }
      }
      for (StringBuilder f : forms) {
        String form = f.toString();
        int at = out.indexOf(form);
        if (at < 0) {
          out.add(form);
          outSets.add(setsOf[k]);
        } else {
          outSets.set(at, outSets.get(at) | setsOf[k]);
        }
      }
    }
    long[] of = new long[out.size()];
    for (int k = 0; k < of.length; k++) {
      of[k] = outSets.get(k);
    }
    return new LiteralPrefilter(out, of, needs, false);
  }

  /**
   * The prefilter to run on the content of a JSON string as it is written, before its escapes are
   * decoded, when its escapes are all {@code \" \\ \n \t \r \b \f} (no {@code \/} and no
   * {@code \}{@code uXXXX}): what it rejects, this prefilter rejects once decoded (it may let more
   * through). Null when there is none (a literal with too many control characters). A JSON reader
   * then need not decode a message that no pattern can match.
   */
  public @Nullable LiteralPrefilter inJsonStrings() {
    return inJson;
  }

  /** Distinct anchors beyond which the byte loop is used. */
  private static final int MAX_ANCHORS = 8;

  private static final long HIGHS = 0x8080808080808080L;

  /**
   * How common each byte is in log text, most common first (space, lower-case letters in English
   * order, digits, punctuation, upper-case letters); bytes not listed (tabs, brackets, non-ASCII)
   * are rarer than all of these. Only the scan's speed depends on it, never its result.
   */
  private static final String COMMON_FIRST = " etaoinsr012.hldcum:3456789/-pfgwybvk_\",=ETAOINSRHLDCUMPFGWYBVKxjqzXJQZ()'";

  private static final int[] COMMONNESS = new int[256];

  static {
    for (int k = 0; k < COMMON_FIRST.length(); k++) {
      COMMONNESS[COMMON_FIRST.charAt(k)] = COMMON_FIRST.length() - k;
    }
  }

  /**
   * Chooses each literal's anchor (its least common byte, or one that a shorter literal already
   * anchors on when it has one: fewer distinct anchors, fewer words to compare), fills {@code at}
   * and {@code byAnchor}, and returns the anchors as words of eight copies (eight of them: unused
   * slots repeat the first), or null when there are more than {@link #MAX_ANCHORS}.
   */
  private static long @Nullable [] anchors(byte[][] bytes, int[] at, int[][] byAnchor) {
    Integer[] order = new Integer[bytes.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, Comparator.comparingInt(k -> bytes[k].length));
    boolean[] chosen = new boolean[256];
    List<Integer> distinct = new ArrayList<>();
    for (int k : order) {
      byte[] lit = bytes[k];
      int best = -1;
      for (int pass = 0; pass < 2 && best < 0; pass++) { // first among the anchors already chosen
        for (int i = 0; i < lit.length; i++) {
          int v = lit[i] & 0xFF;
          if ((pass == 1 || chosen[v]) && (best < 0 || COMMONNESS[v] < COMMONNESS[lit[best] & 0xFF])) {
            best = i;
          }
        }
      }
      int v = lit[best] & 0xFF;
      if (!chosen[v]) {
        chosen[v] = true;
        distinct.add(v);
      }
      at[k] = best;
      int[] old = byAnchor[v];
      int[] ks = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
      ks[ks.length - 1] = k;
      byAnchor[v] = ks;
    }
    if (distinct.size() > MAX_ANCHORS) {
      return null;
    }
    long[] words = new long[MAX_ANCHORS];
    for (int i = 0; i < words.length; i++) {
      words[i] = Swar.broadcast(distinct.get(i < distinct.size() ? i : 0));
    }
    return words;
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
    return anchorWords != null ? mayMatchByAnchors(b, from, to, anchorWords) : mayMatchByFirstBytes(b, from, to);
  }

  /**
   * The scan eight bytes at a time: a byte equal to an anchor (and perhaps a byte above it: {@link
   * Swar#zeros} may flag a 0x01 byte above a zero one) is a candidate, and each literal anchored on
   * it is compared where it would start.
   */
  private boolean mayMatchByAnchors(byte[] b, int from, int to, long[] a) {
    if (to - from < shortest) {
      return false;
    }
    long a0 = a[0];
    long a1 = a[1];
    long a2 = a[2];
    long a3 = a[3];
    long a4 = a[4];
    long a5 = a[5];
    long a6 = a[6];
    long a7 = a[7];
    long hits = 0;
    for (int i = from; i < to; i += 8) {
      long w;
      long valid; // the flags of bytes before to
      if (i + 8 <= to) {
        w = Swar.word(b, i);
        valid = HIGHS;
      } else { // the last few bytes
        w = 0;
        for (int k = to - 1; k >= i; k--) {
          w = w << 8 | (b[k] & 0xFF);
        }
        valid = HIGHS & ((1L << (8 * (to - i))) - 1);
      }
      long m = (Swar.zeros(w ^ a0) | Swar.zeros(w ^ a1) | Swar.zeros(w ^ a2) | Swar.zeros(w ^ a3)
          | Swar.zeros(w ^ a4) | Swar.zeros(w ^ a5) | Swar.zeros(w ^ a6) | Swar.zeros(w ^ a7)) & valid;
      while (m != 0) {
        int j = i + Swar.firstFlagged(m);
        m &= m - 1;
        int v = b[j] & 0xFF;
        int[] ks = byAnchor[v];
        long[] prev = before[v];
        if (prev != null) {
          if (j == from) {
            continue; // its literals all start before j: not at or after from
          }
          int p = b[j - 1] & 0xFF;
          if ((prev[p >>> 6] & (1L << p)) == 0) {
            continue; // no literal anchored here has that byte before its anchor
          }
        }
        if (ks != null) {
          long more = found(b, from, to, j, ks, hits);
          if (more != hits) {
            hits = more;
            if (satisfied(hits)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** {@code hits} plus the sets of the literals {@code ks} that occur with their anchor at j. */
  private long found(byte[] b, int from, int to, int j, int[] ks, long hits) {
    for (int k : ks) {
      long more = setsOf[k];
      if ((hits | more) == hits) {
        continue; // nothing new
      }
      byte[] lit = bytes[k];
      int start = j - anchorAt[k];
      if (start >= from && start + lit.length <= to && occursAt(lit, b, start)) {
        hits |= more;
      }
    }
    return hits;
  }

  /** The byte loop: each literal is compared where its first byte occurs. */
  private boolean mayMatchByFirstBytes(byte[] b, int from, int to) {
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
        if ((hits | more) != hits && occursAt(lit, b, i)) {
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

  /** Whether lit occurs at b[at]. */
  private static boolean occursAt(byte[] lit, byte[] b, int at) {
    for (int k = 0; k < lit.length; k++) {
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
