package io.mcpwatch.source.read;

import io.mcpwatch.pattern.LiteralPrefilter;
import io.mcpwatch.pattern.Swar;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Turns the bytes of a log group name into a String without allocating one per event: a small
 * two-choice cache keyed by length and two 8-byte words of the name, verified byte by byte (two
 * choices, so that a few groups that share a slot do not evict each other on every event). It also
 * remembers whether each cached group is wanted ({@link ReadOptions#wantedLogGroups()}) and its
 * prefilter ({@link ReadOptions#prefilters()}).
 */
final class LogGroupCache {
  private static final int SLOTS = 256;

  private final Predicate<String> wanted;
  private final Function<String, @Nullable LiteralPrefilter> prefilter;
  private final @Nullable LiteralPrefilter[] prefilterAt = new LiteralPrefilter[SLOTS];
  private final byte[][] names = new byte[SLOTS][];
  private final String[] strings = new String[SLOTS];
  private final boolean[] wantedAt = new boolean[SLOTS];

  /** The slot of the last {@link #get} or successful {@link #find}. */
  private int last;

  LogGroupCache(
      Predicate<String> wanted, Function<String, @Nullable LiteralPrefilter> prefilter) {
    this.wanted = wanted;
    this.prefilter = prefilter;
  }

  String get(byte[] b, int from, int to) {
    int len = to - from;
    if (len == 0) {
      return "";
    }
    long h = hash(b, from, to);
    int first = first(h);
    int second = second(h);
    if (holds(first, b, from, to)) {
      last = first;
      return strings[first];
    }
    if (holds(second, b, from, to)) {
      last = second;
      return strings[second];
    }
    String s = new String(b, from, len, StandardCharsets.UTF_8);
    if (Swar.indexOfQuoteOrBackslash(b, from, to) >= 0) {
      return s; // not cached: find() relies on cached names holding neither
    }
    // the first slot if free, else the second (so two names sharing a first slot both stay)
    int slot = names[first] == null ? first : second;
    names[slot] = Arrays.copyOfRange(b, from, to);
    strings[slot] = s;
    wantedAt[slot] = wanted.test(s);
    prefilterAt[slot] = prefilter.apply(s);
    last = slot;
    return s;
  }

  /**
   * The cached name equal to {@code b[from..to)} (not empty), or null. Cached names hold no {@code
   * "} or {@code \}, so a hit also proves that {@code b[from..to)} holds neither.
   */
  @Nullable String find(byte[] b, int from, int to) {
    long h = hash(b, from, to);
    int slot = first(h);
    if (!holds(slot, b, from, to)) {
      slot = second(h);
      if (!holds(slot, b, from, to)) {
        return null;
      }
    }
    last = slot;
    return strings[slot];
  }

  /** Whether {@code group} is wanted: cached for the group the last lookup returned. */
  boolean wanted(String group) {
    return strings[last] == group ? wantedAt[last] : wanted.test(group);
  }

  /** The prefilter of {@code group}: cached for the group the last lookup returned. */
  @Nullable LiteralPrefilter prefilter(String group) {
    return strings[last] == group ? prefilterAt[last] : prefilter.apply(group);
  }

  private boolean holds(int slot, byte[] b, int from, int to) {
    byte[] cached = names[slot];
    return cached != null && Arrays.equals(cached, 0, cached.length, b, from, to);
  }

  private static long hash(byte[] b, int from, int to) {
    int len = to - from;
    long h = len;
    if (len >= 8) {
      h = h * 0x9E3779B97F4A7C15L + Swar.word(b, to - 8);
      h = h * 0x9E3779B97F4A7C15L + Swar.word(b, from + ((len - 8) >> 1));
    } else {
      for (int i = from; i < to; i++) {
        h = h * 31 + b[i];
      }
    }
    return h ^ (h >>> 29) ^ (h >>> 47);
  }

  private static int first(long h) {
    return (int) h & (SLOTS - 1);
  }

  private static int second(long h) {
    return (int) (h >>> 32) & (SLOTS - 1);
  }
}
