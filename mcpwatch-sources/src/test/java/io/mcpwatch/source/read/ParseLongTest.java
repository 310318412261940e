package io.mcpwatch.source.read;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link JsonLinesDecoder#parseLong}: the last eight digits through {@code Swar.parseEightDigits}. */
class ParseLongTest {

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
