package io.mcpwatch.source.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.charset.StandardCharsets;
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

  @Test
  void parseLong_agreesWithLongParseLong() {
    qt().forAll(longs().between(-999_999_999_999_999_999L, 999_999_999_999_999_999L))
        .check(
            v -> {
              byte[] b = ("x" + v + "y").getBytes(StandardCharsets.US_ASCII);
              return JsonLinesDecoder.parseLong(b, 1, b.length - 1) == v;
            });
  }

  @Test
  void parseLong_rejectsNonDigitsAnywhere() {
    qt().forAll(integers().between(1, 18), integers().between(0, 17), integers().between(0, 255))
        .check(
            (n, pos, junk) -> {
              byte[] b = "123456789012345678".substring(0, n).getBytes(StandardCharsets.US_ASCII);
              int p = pos % n;
              b[p] = (byte) (int) junk;
              boolean digit = junk >= '0' && junk <= '9';
              long got = JsonLinesDecoder.parseLong(b, 0, n);
              return digit || (p == 0 && junk == '-' && n > 1)
                  ? got != Timestamps.NONE
                  : got == Timestamps.NONE;
            });
  }
}
