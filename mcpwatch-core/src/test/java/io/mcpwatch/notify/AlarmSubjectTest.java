package io.mcpwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.mcpwatch.alarm.AlarmState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays {@code subject-cases.tsv}: one case per line, tab-separated columns region code, new
 * state, alarm name, expected subject, note; {@code #} starts a comment line.
 */
class AlarmSubjectTest {

  static List<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        AlarmSubjectTest.class.getResourceAsStream("subject-cases.tsv"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        out.add(Arguments.argumentSet(f[4] + " [" + f[0] + "]", f[0], f[1], f[2], f[3]));
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void of_conformanceCases(String region, String state, String name, String expected) {
    assertThat(AlarmSubject.of(AlarmState.valueOf(state), name, Regions.longName(region)))
        .isEqualTo(expected);
  }

  @Test
  void of_hostileName_staysOneLineWithoutControlCharacters() {
    String s = AlarmSubject.of(AlarmState.ALARM, "x\r\nBcc: evil@example.com\u0000\u2028",
        "EU (Ireland)");

    assertThat(s).isEqualTo("ALARM: \"x  Bcc: evil@example.com  \" in EU (Ireland)");
  }

  @Test
  void of_anyName_isShortOneLineAndKeepsStateAndRegion() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 300)).checkAssert(name -> {
      String s = AlarmSubject.of(AlarmState.INSUFFICIENT_DATA, name, "Asia Pacific (Singapore)");
      assertThat(s.length()).isLessThan(100);
      assertThat(Text.hasUnsafe(s)).isFalse();
      assertThat(s).startsWith("INSUFFICIENT_DATA: \"").endsWith("\" in Asia Pacific (Singapore)");
      assertThat(Character.isHighSurrogate(s.charAt(s.length() - 1))).isFalse();
    });
  }
}
