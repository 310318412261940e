package io.mcpwatch.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Per-minute bookkeeping of one filter for {@code DefaultValueMode.PER_MINUTE}: whether the minute
 * saw a non-matching event, a match, and whether its default was published. A minute is closed once
 * a minute boundary after it has been processed.
 */
final class MinuteFlags {
  static final int NON_MATCH = 1;
  static final int MATCHED = 2;
  static final int EMITTED = 4;

  private final TreeMap<Long, int[]> byMinute = new TreeMap<>();
  private long cachedMinute = Long.MIN_VALUE;
  private int[] cached = new int[1];
  /** Minutes starting before this are closed. */
  private long closedThrough = Long.MIN_VALUE;

  /**
   * Records a non-matching event in the minute starting at {@code minute}.
   *
   * @return true when the minute is already closed and its default must be published now
   */
  boolean nonMatch(long minute) {
    int[] f = flags(minute);
    f[0] |= NON_MATCH;
    if (minute < closedThrough && (f[0] & (MATCHED | EMITTED)) == 0) {
      f[0] |= EMITTED;
      return true;
    }
    return false;
  }

  /** Records a match (published or not) in the minute starting at {@code minute}. */
  void matched(long minute) {
    flags(minute)[0] |= MATCHED;
  }

  /** Closes the minutes that end at or before {@code boundary}, publishing due defaults. */
  void close(long boundary, LongConsumer publishDefault) {
    long from = closedThrough;
    for (Map.Entry<Long, int[]> e : byMinute.tailMap(from, true).headMap(boundary, false)
        .entrySet()) {
      int[] f = e.getValue();
      if (f[0] == NON_MATCH) {
        f[0] |= EMITTED;
        publishDefault.accept(e.getKey());
      }
    }
    closedThrough = Math.max(closedThrough, boundary);
  }

  /** Whether a minute with events is still open (its default may still be due). */
  boolean hasOpenMinutes() {
    return byMinute.ceilingKey(closedThrough) != null;
  }

  void evictBefore(long horizon) {
    byMinute.headMap(horizon, false).clear();
    if (cachedMinute < horizon) {
      cachedMinute = Long.MIN_VALUE;
      cached = new int[1];
    }
  }

  long closedThrough() {
    return closedThrough;
  }

  private int[] flags(long minute) {
    if (minute == cachedMinute) {
      return cached;
    }
    int[] f = byMinute.computeIfAbsent(minute, k -> new int[1]);
    cachedMinute = minute;
    cached = f;
    return f;
  }
}
