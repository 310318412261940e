package io.mcpwatch.source.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the bytes of a log group name into a String without allocating one per event: a small
 * direct-mapped cache keyed by length and two 8-byte words of the name, verified byte by byte.
 */
final class LogGroupCache {
  private static final int SLOTS = 64;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[][] names = new byte[SLOTS][];
  private final String[] strings = new String[SLOTS];

  String get(byte[] b, int from, int to) {
    int len = to - from;
    if (len == 0) {
      return "";
    }
    long h = len;
    if (len >= 8) {
      h = h * 0x9E3779B97F4A7C15L + (long) LONGS.get(b, to - 8);
      h = h * 0x9E3779B97F4A7C15L + (long) LONGS.get(b, from + ((len - 8) >> 1));
    } else {
      for (int i = from; i < to; i++) {
        h = h * 31 + b[i];
      }
    }
    int slot = (int) ((h ^ (h >>> 29) ^ (h >>> 47)) & (SLOTS - 1));
    byte[] cached = names[slot];
    if (cached != null && Arrays.equals(cached, 0, cached.length, b, from, to)) {
      return strings[slot];
    }
    String s = new String(b, from, len, StandardCharsets.UTF_8);
    names[slot] = Arrays.copyOfRange(b, from, to);
    strings[slot] = s;
    return s;
  }
}
