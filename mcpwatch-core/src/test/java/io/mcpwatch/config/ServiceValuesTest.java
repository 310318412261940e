package io.mcpwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceValuesTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "90s, PT1M30S",
    "30m, PT30M",
    "48h, PT48H",
    "14d, PT336H",
    "PT36H, PT36H",
    "pt15m, PT15M",
    "P2D, PT48H",
    "P1DT12H, PT36H",
  })
  void parseDuration_unitsAndIso(String text, String expected) {
    assertThat(ServiceValues.parseDuration(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({"14", "d", "1w", "1.5h", "-", "P", "PT", "1000000000d", "14 d"})
  void parseDuration_unreadable_isNull(String text) {
    assertThat(ServiceValues.parseDuration(text)).isNull();
  }

  @Test
  void parseDuration_anyText_neverThrows() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 14))
        .checkAssert(
            s -> {
              Duration d = ServiceValues.parseDuration(s);
              if (d != null && !d.isNegative() && d.getNano() == 0) {
                assertThat(ServiceValues.parseDuration(ServiceValues.format(d))).isEqualTo(d);
              }
            });
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, true",
    "127.255.0.9, true",
    "localhost, true",
    "LOCALHOST, true",
    "::1, true",
    "0.0.0.0, false",
    "::, false",
    "10.0.0.1, false",
    "127.0.0, false",
    "127.0.0.256, false",
    "127.0.0.1.5, false",
    "127..0.1, false",
    "127.example.com, false",
  })
  void isLoopback(String host, boolean expected) {
    assertThat(ServiceValues.isLoopback(host)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1:8787|127.0.0.1|8787",
        "[::1]:0|::1|0",
        "0.0.0.0:65535|0.0.0.0|65535",
        "mcpwatch.internal:80|mcpwatch.internal|80",
      })
  void splitListen_valid(String listen, String host, String port) {
    assertThat(HttpSection.splitListen(listen)).containsExactly(host, port);
  }

  @ParameterizedTest
  @CsvSource({
    "8787",
    "127.0.0.1",
    ":8787",
    "::1:8787",
    "[::1]8787",
    "h:65536",
    "h:-1",
    "h:",
    "a b:1"
  })
  void splitListen_invalid_isNull(String listen) {
    assertThat(HttpSection.splitListen(listen)).isNull();
  }

  @Test
  void splitListen_anyText_neverThrows() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 16))
        .checkAssert(
            s -> {
              String[] hp = HttpSection.splitListen(s);
              if (hp != null) {
                assertThat(Integer.parseInt(hp[1])).isBetween(0, 65_535);
              }
            });
  }

  @Test
  void timestampPattern_jdkParserBug_isAProblemNotAnException() {
    // found by the property below: the JDK's localized-offset parser throws
    // StringIndexOutOfBoundsException while reading back its own output for "O+"
    assertThat(ServiceValues.patternProblem("O+")).startsWith("the pattern must give a date");
  }

  @Test
  void timestampPattern_anyText_neverThrows() {
    qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 12))
        .checkAssert(
            s -> {
              String problem = ServiceValues.patternProblem(s);
              if (problem == null) {
                assertThat(s).isNotBlank();
              }
            });
  }
}
