package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.config.ResolvedAlarm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The init template's patterns against realistic Python and uvicorn lines, from {@code
 * init-template-lines.tsv} (alarm, match|nomatch, line).
 */
class InitTemplateTest {
  private static final ConfigCheck TEMPLATE =
      ConfigFiles.check("mcpwatch.yaml", InitCommand.template());

  static Stream<Arguments> lines() throws IOException {
    try (InputStream in = InitTemplateTest.class.getResourceAsStream("init-template-lines.tsv")) {
      List<String> rows =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.isBlank() && !l.startsWith("#"))
              .collect(Collectors.toList());
      return rows.stream().map(l -> l.split("\t", 3)).map(c -> Arguments.of(c[0], c[1], c[2]));
    }
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("lines")
  void templatePattern_onRealisticLine(String alarm, String expected, String line) {
    assertThat(TEMPLATE.errors()).isEmpty();
    for (ResolvedAlarm a : TEMPLATE.resolution().alarms()) {
      if (a.alarm().equals(alarm)) {
        assertThat(a.filter().pattern().matches(line))
            .as("%s (%s/%s) on %s", alarm, a.env(), a.app(), line)
            .isEqualTo(expected.equals("match"));
      }
    }
    assertThat(TEMPLATE.resolution().alarms()).anyMatch(a -> a.alarm().equals(alarm));
  }
}
