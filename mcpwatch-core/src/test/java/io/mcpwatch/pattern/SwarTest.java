package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;

class SwarTest {

  private static byte[] bytesOf(List<Integer> values) {
    byte[] b = new byte[values.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (int) values.get(i);
    }
    return b;
  }

  private static int naive(byte[] b, int from, int to, byte x, byte y) {
    for (int i = from; i < to; i++) {
      if (b[i] == x || b[i] == y) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void searches_agreeWithAByteLoop() {
    // small alphabet around the searched bytes, plus high bytes, so that hits and near misses occur
    int[] alphabet = {'\n', '"', '\\', 'a', 0, 0x80, 0xFF, 0x0B, 0x5D, 0x22 ^ 0x80};
    qt().forAll(
            lists().of(integers().between(0, alphabet.length - 1)).ofSizeBetween(0, 70),
            integers().between(0, 70),
            integers().between(0, 70))
        .check(
            (idx, x, y) -> {
              byte[] b = new byte[idx.size()];
              for (int i = 0; i < b.length; i++) {
                b[i] = (byte) alphabet[idx.get(i)];
              }
              int from = Math.min(x, b.length);
              int to = Math.max(from, Math.min(y, b.length));
              return Swar.indexOfNewline(b, from, to)
                      == naive(b, from, to, (byte) '\n', (byte) '\n')
                  && Swar.indexOfQuoteOrBackslash(b, from, to)
                      == naive(b, from, to, (byte) '"', (byte) '\\')
                  && Swar.indexOfBackslash(b, from, to)
                      == naive(b, from, to, (byte) '\\', (byte) '\\');
            });
  }

  @Test
  void firstFlagged_isTheLowestFlaggedByte_forEveryCombinationOfFlags() {
    for (int mask = 1; mask < 256; mask++) {
      long t = 0;
      for (int k = 0; k < 8; k++) {
        if ((mask & (1 << k)) != 0) {
          t |= 0x80L << (8 * k);
        }
      }
      assertThat(Swar.firstFlagged(t)).as("flags %s", Integer.toBinaryString(mask))
          .isEqualTo(Integer.numberOfTrailingZeros(mask));
    }
  }

  @Test
  void indexOfNewline_randomBytes() {
    qt().forAll(lists().of(integers().between(0, 255)).ofSizeBetween(0, 200))
        .check(
            v -> {
              byte[] b = bytesOf(v);
              return Swar.indexOfNewline(b, 0, b.length)
                  == naive(b, 0, b.length, (byte) '\n', (byte) '\n');
            });
  }
}
