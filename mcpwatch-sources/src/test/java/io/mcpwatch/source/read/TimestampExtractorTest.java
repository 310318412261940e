package io.mcpwatch.source.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampExtractorTest {
  private static final TimestampExtractor OFFSET =
      TimestampExtractor.compile("yyyy-MM-dd HH:mm:ss O");

  private static long extract(TimestampExtractor x, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return x.extract(b, 0, b.length, line);
  }

  @Test
  void extract_localizedOffset_parses() {
    assertThat(extract(OFFSET, "2026-03-02 10:05:06 GMT+1 INFO started"))
        .isEqualTo(Instant.parse("2026-03-02T09:05:06Z").toEpochMilli());
  }

  @Test
  void extract_lineEndingInsideTheOffset_isNoTimestampNotAJdkException() {
    // the JDK's localized-offset parser throws StringIndexOutOfBoundsException on this input
    assertThat(extract(OFFSET, "2026-03-02 10:05:06 GMT+")).isEqualTo(Timestamps.NONE);
  }

  @Test
  void extract_anyTextAfterADate_neverThrows() {
    qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 8))
        .checkAssert(tail -> extract(OFFSET, "2026-03-02 10:05:06 " + tail));
  }
}
