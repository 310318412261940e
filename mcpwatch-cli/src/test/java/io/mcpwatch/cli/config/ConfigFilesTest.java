package io.mcpwatch.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.cli.UserError;
import io.mcpwatch.lint.Severity;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
  @TempDir Path dir;

  static String resource(String name) throws Exception {
    try (InputStream in = ConfigFilesTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String template() throws Exception {
    try (InputStream in =
        ConfigFilesTest.class.getResourceAsStream("/io/mcpwatch/cli/mcpwatch-init.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void load_validFile_returnsResolvedAlarmsAndNonErrorFindings() throws Exception {
    Path f = dir.resolve("m.yaml");
    Files.writeString(f, template());

    LoadedConfig c = ConfigFiles.load(f);

    assertThat(c.alarms()).hasSize(32);
    assertThat(c.config().topics()).hasSize(2);
    assertThat(c.findings())
        .singleElement()
        .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.INFO));
  }

  @Test
  void load_fileWithErrors_throwsAUserErrorListingEveryError() throws Exception {
    Path f = dir.resolve("adr.yaml");
    Files.writeString(f, resource("adr-0003-as-written.yaml"));

    assertThatThrownBy(() -> ConfigFiles.load(f))
        .isInstanceOfSatisfying(
            UserError.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(2);
              assertThat(e.getMessage().lines().toList())
                  .containsExactly(
                      f + " has 4 errors:",
                      f
                          + ":23:56: alarms.http-4xx.pattern: Invalid character(s) in term:"
                          + " unquoted term 4?? contains '?'; only letters, digits and _ are"
                          + " allowed outside double quotes",
                      f
                          + ":24:56: alarms.http-5xx.pattern: Invalid character(s) in term:"
                          + " unquoted term 5?? contains '?'; only letters, digits and _ are"
                          + " allowed outside double quotes",
                      f
                          + ":23:55: alarms.http-4xx.pattern: 4?? is not a wildcard: '?' only marks"
                          + " an optional (OR) term when it starts a term (?ERROR ?WARN), and AWS"
                          + " rejects it inside a term",
                      f
                          + ":24:55: alarms.http-5xx.pattern: 5?? is not a wildcard: '?' only marks"
                          + " an optional (OR) term when it starts a term (?ERROR ?WARN), and AWS"
                          + " rejects it inside a term",
                      "(mcpwatch validate -c " + f + " explains them and suggests fixes)");
            });
  }

  @Test
  void load_warningsOnly_doNotStopIt() throws Exception {
    Path f = dir.resolve("w.yaml");
    Files.writeString(
        f, template().replace("threshold: 5\n", "threshold: 5\n    statistic: Maximum\n"));

    LoadedConfig c = ConfigFiles.load(f);

    assertThat(c.alarms()).hasSize(32);
    assertThat(c.findings())
        .anyMatch(
            x -> x.severity() == Severity.WARNING && x.rule().equals("unreachable-threshold"));
  }

  @Test
  void check_yamlError_isTheOnlyError() {
    ConfigCheck c = ConfigFiles.check("x.yaml", "a: [\n");

    assertThat(c.config()).isNull();
    assertThat(c.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("YAML syntax error"));
    assertThat(c.exitCode()).isEqualTo(2);
  }

  @Test
  void check_nonMapDocument_isABinderError() {
    ConfigCheck c = ConfigFiles.check("x.yaml", "- just\n- a list\n");

    assertThat(c.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(1);
              assertThat(e.message()).startsWith("expected a map of configuration keys");
            });
  }

  @Test
  void check_patternColumn_pointsIntoTheQuotedPattern() throws Exception {
    String text =
        template()
            .replace(
                "'[level, client, dash, request=*HTTP*, status=5*, ...]'",
                "'[level, status=5??, ...'");
    ConfigCheck c = ConfigFiles.check("x.yaml", text);

    assertThat(c.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("alarms.http-5xx.pattern");
              String line = text.lines().toList().get(e.line() - 1);
              assertThat(line).contains("'[level, status=5??, ...'");
              assertThat(e.column()).isGreaterThan(line.indexOf("'[level"));
            });
  }

  @Test
  void report_text_hasOneLinePerFindingAndASummary() throws Exception {
    ConfigCheck c = ConfigFiles.check("a.yaml", resource("adr-0003-as-written.yaml"));

    String text = CheckReport.text(c);

    assertThat(text.lines().filter(l -> l.startsWith("a.yaml:"))).hasSize(7);
    assertThat(text.lines().filter(l -> l.startsWith("  suggestion: "))).hasSize(4);
    assertThat(CheckReport.summary(c))
        .isEqualTo("a.yaml: 4 errors, 1 warning, 1 info; 16 alarms resolved");
  }
}
