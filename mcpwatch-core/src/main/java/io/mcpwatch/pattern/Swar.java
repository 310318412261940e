package io.mcpwatch.pattern;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time ("SIMD within a register"), for the hot loops of replay:
 * the readers' newlines and JSON strings ({@code io.mcpwatch.source.read}) and the anchors of
 * {@link LiteralPrefilter}. Java 17 has no portable vector API, and a plain byte loop is several
 * times slower.
 */
public final class Swar {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = ONES * '\n';
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';

  private Swar() {}

  /** Eight copies of {@code b}: the word to compare with ({@code zeros(w ^ broadcast(b))}). */
  public static long broadcast(int b) {
    return ONES * (b & 0xFF);
  }

  /**
   * High bit set in each byte of w that is zero. The lowest flagged byte is always exact; one above
   * it may be flagged too when it is 0x01 (a borrow), so callers check the bytes they are given.
   */
  public static long zeros(long w) {
    return (w - ONES) & ~w & HIGHS;
  }

  /**
   * The index of the lowest byte flagged in {@code t} (a nonzero result of {@link #zeros}): its
   * lowest set bit, {@code 8k + 7}, isolated and shifted to {@code 1 << 8k}, times a constant
   * whose byte {@code 7 - k} is {@code k} moves {@code k} into the top byte. (C1, which compiles
   * these loops in short runs, neither inlines nor intrinsifies {@code Long.numberOfTrailingZeros}
   * on JDK 17: it was 4 % of a backtest's read time.)
   */
  public static int firstFlagged(long t) {
    return (int) ((((t & -t) >>> 7) * 0x0001020304050607L) >>> 56);
  }

  /** The index of the first {@code \n} in {@code b[from..to)}, or -1. */
  public static int indexOfNewline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long t = zeros((long) LONGS.get(b, i) ^ NEWLINES);
      if (t != 0) {
        return i + firstFlagged(t);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The index of the first {@code "} or {@code \} in {@code b[from..to)}, or -1. */
  public static int indexOfQuoteOrBackslash(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i);
      long t = zeros(w ^ QUOTES) | zeros(w ^ BACKSLASHES);
      if (t != 0) {
        return i + firstFlagged(t);
      }
    }
    for (; i < to; i++) {
      byte c = b[i];
      if (c == '"' || c == '\\') {
        return i;
      }
    }
    return -1;
  }

  /** The index of the first {@code \} in {@code b[from..to)}, or -1. */
  public static int indexOfBackslash(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long t = zeros((long) LONGS.get(b, i) ^ BACKSLASHES);
      if (t != 0) {
        return i + firstFlagged(t);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\\') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The value of the eight ASCII digits at {@code b[i..i+8)}, or -1 if any byte is not a digit (D.
   * Lemire's eight-digit parse). Needs {@code i + 8 <= b.length}.
   */
  public static long parseEightDigits(byte[] b, int i) {
    long w = (long) LONGS.get(b, i);
    if ((w & 0xF0F0F0F0F0F0F0F0L) != 0x3030303030303030L
        || ((w + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) != 0x3030303030303030L) {
      return -1;
    }
    long v = w - 0x3030303030303030L;
    v = (v * 10) + (v >>> 8);
    return (((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32)))
            + (((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32))))
        >>> 32;
  }

  /** Eight bytes at {@code b[i]} as a little-endian long; needs {@code i + 8 <= b.length}. */
  public static long word(byte[] b, int i) {
    return (long) LONGS.get(b, i);
  }
}
