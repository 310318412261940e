package io.mcpwatch.source.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TimestampsTest {

  /** Rows of src/test/resources/read/timestamps.tsv: text, mode, expected instant or NONE. */
  static Stream<Arguments> cases() throws IOException {
    List<Arguments> rows = new ArrayList<>();
    try (InputStream in = TimestampsTest.class.getResourceAsStream("/read/timestamps.tsv")) {
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : all.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        rows.add(Arguments.of(f[0], f[1], f[2]));
      }
    }
    assertThat(rows).hasSizeGreaterThan(20);
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("cases")
  void parseDateTime_conformanceCases(String text, String mode, String expected) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    long got = Timestamps.parseDateTime(b, 0, b.length, mode.equals("whole"));
    if (expected.equals("NONE")) {
      assertThat(got).isEqualTo(Timestamps.NONE);
    } else {
      assertThat(got).isEqualTo(Instant.parse(expected).toEpochMilli());
    }
  }

  @Test
  void daysFromCivil_matchesLocalDate() {
    qt().forAll(longs().between(-200_000, 2_000_000))
        .check(
            day -> {
              LocalDate d = LocalDate.ofEpochDay(day);
              return Timestamps.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth())
                  == day;
            });
  }

  @Test
  void parseDateTime_matchesInstantParseForRandomInstants() {
    DateTimeFormatter iso =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);
    qt().forAll(longs().between(0, 253_370_764_799_999L), integers().between(-14 * 4, 14 * 4))
        .check(
            (millis, quarterHours) -> {
              ZoneOffset off = ZoneOffset.ofTotalSeconds(quarterHours * 15 * 60);
              String text = iso.format(Instant.ofEpochMilli(millis).atOffset(off));
              byte[] b = text.getBytes(StandardCharsets.US_ASCII);
              return Timestamps.parseDateTime(b, 0, b.length, true) == millis;
            });
  }

  @Test
  void parseEpoch_readsMillisAndFractionalSeconds() {
    byte[] ms = "1772445900123 INFO x".getBytes(StandardCharsets.US_ASCII);
    byte[] s = "1772445900.5 INFO x".getBytes(StandardCharsets.US_ASCII);
    byte[] bad = "1772445900abc".getBytes(StandardCharsets.US_ASCII);
    assertThat(Timestamps.parseEpoch(ms, 0, ms.length, 1)).isEqualTo(1772445900123L);
    assertThat(Timestamps.parseEpoch(s, 0, s.length, 1000)).isEqualTo(1772445900500L);
    assertThat(Timestamps.parseEpoch(bad, 0, bad.length, 1)).isEqualTo(Timestamps.NONE);
  }
}
