package io.mcpwatch.configfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.lint.Finding;
import io.mcpwatch.lint.Severity;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    return ConfigFiles.initTemplate();
  }

  @Test
  void load_validFile_returnsResolvedAlarmsAndNonErrorFindings() throws Exception {
    Path f = dir.resolve("m.yaml");
    Files.writeString(f, template());

    LoadedConfig c = ConfigFiles.load(f);

    assertThat(c.alarms()).hasSize(32);
    assertThat(c.config().topics()).hasSize(2);
    assertThat(c.findings())
        .hasSize(4)
        .allSatisfy(x -> assertThat(x.severity()).isEqualTo(Severity.INFO));
  }

  @Test
  void load_fileWithErrors_throwsOneExceptionListingEveryError() throws Exception {
    Path f = dir.resolve("adr.yaml");
    Files.writeString(f, resource("adr-0003-as-written.yaml"));

    assertThatThrownBy(() -> ConfigFiles.load(f))
        .isInstanceOfSatisfying(
            ConfigFileException.class,
            e -> {
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

    // 4?? and 5?? once each (AWS's rejection and lint's explanation were two lines each)
    assertThat(text.lines().filter(l -> l.startsWith("a.yaml:"))).hasSize(8);
    assertThat(text.lines().filter(l -> l.startsWith("  suggestion: "))).hasSize(7);
    assertThat(CheckReport.summary(c))
        .isEqualTo("a.yaml: 2 errors, 1 warning, 4 infos; 16 alarms resolved");
  }

  static String withSources(String sources) throws Exception {
    return template().replace("sources:\n", "sources:\n" + sources);
  }

  @Test
  void check_sourceGlobs_missingIsAWarningAndInvalidAnError() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(logs.resolve("teams.log"), "INFO:root:up\n");
    Path f = dir.resolve("m.yaml");
    Files.writeString(
        f,
        withSources(
            "  - { app: teams, env: prod, type: file, path: logs/*.log }\n"
                + "  - { app: sharepoint, env: prod, type: file, paths: ["
                + dir.resolve("logs/sp-*.log")
                + ", "
                + dir.resolve("nowhere/**/*.log")
                + "] }\n"
                + "  - { app: outlook, env: prod, type: docker, path: '"
                + dir
                + "/d/[a-*.log' }\n"));

    ConfigCheck c = ConfigFiles.check(f, Map.of());

    List<String> source = Files.readAllLines(f);
    int first = source.indexOf("sources:") + 2;
    assertThat(c.findings())
        .filteredOn(x -> x.rule().equals(SourceFiles.NO_MATCH))
        .extracting(x -> x.severity() + " " + x.line() + ":" + x.column() + " " + x.path())
        .containsExactly(
            "WARNING " + (first + 1) + ":5 sources[1]", "WARNING " + (first + 1) + ":5 sources[1]");
    assertThat(c.findings())
        .filteredOn(x -> x.rule().equals(SourceFiles.NO_MATCH))
        .extracting(Finding::message)
        .allMatch(m -> m.contains(" matches no file now"))
        .anyMatch(m -> m.contains(dir.resolve("logs/sp-*.log") + " matches"));
    assertThat(c.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("sources[2]");
              assertThat(e.line()).isEqualTo(first + 2);
              assertThat(e.message())
                  .startsWith("the glob " + dir + "/d/[a-*.log is not a valid glob");
            });
    assertThat(c.exitCode()).isEqualTo(2);
  }

  @Test
  void check_sampleWithAnsiColours_isAWarningUnlessStripped() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("tty"));
    Files.writeString(logs.resolve("a.log"), "INFO:     ok\n\u001b[31mERROR\u001b[0m:    boom\n");
    Files.writeString(
        logs.resolve("b-json.log"),
        "{\"log\":\"\\u001b[32mINFO\\u001b[0m:     ok\\n\",\"stream\":\"stdout\","
            + "\"time\":\"2026-03-02T10:05:00Z\"}\n");
    Files.writeString(logs.resolve("c.log"), "INFO:     plain\n");
    Path f = dir.resolve("m.yaml");
    Files.writeString(
        f,
        withSources(
            "  - { app: teams, env: prod, type: file, path: tty/a.log }\n"
                + "  - { app: teams, env: prod, type: docker, path: tty/b-json.log }\n"
                + "  - { app: teams, env: prod, type: file, path: tty/a.log, stripAnsi: true }\n"
                + "  - { app: teams, env: prod, type: file, path: tty/c.log }\n"));

    ConfigCheck c = ConfigFiles.check(f, Map.of());

    assertThat(c.findings())
        .filteredOn(x -> x.rule().equals(SourceFiles.ANSI))
        .extracting(x -> x.severity() + " " + x.path() + ": " + x.message() + " / " + x.suggestion())
        .containsExactly(
            "WARNING sources[0]: "
                + dir.resolve("tty/a.log")
                + " shows ANSI colour codes (ESC[...m), which stay in the events and break"
                + " patterns such as [level=\"ERROR:*\", ...] / add stripAnsi: true to this source"
                + " (and use --strip-ansi with backtest), or run the server without a terminal",
            "WARNING sources[1]: "
                + dir.resolve("tty/b-json.log")
                + " shows ANSI colour codes (ESC[...m), which stay in the events and break"
                + " patterns such as [level=\"ERROR:*\", ...] / add stripAnsi: true to this source"
                + " (and use --strip-ansi with backtest), or run the server without a terminal");
  }

  @Test
  void check_relativeGlob_isResolvedAgainstTheFilesDirectory() throws Exception {
    Path f = dir.resolve("m.yaml");
    Files.writeString(f, withSources("  - { app: teams, env: prod, type: file, path: x/*.log }\n"));

    ConfigCheck c = ConfigFiles.check(f, Map.of());

    assertThat(c.findings())
        .filteredOn(x -> x.rule().equals(SourceFiles.NO_MATCH))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("(relative to " + dir + ")"));
    Files.createDirectories(dir.resolve("x"));
    Files.writeString(dir.resolve("x/a.log"), "");
    assertThat(ConfigFiles.check(f, Map.of()).findings())
        .noneMatch(x -> x.rule().equals(SourceFiles.NO_MATCH));
  }

  @Test
  void check_templateServiceExamples_uncommented_validate() throws Exception {
    String t = template();
    String uncommented =
        t.replaceAll("(?m)^  # (- |  [a-z][a-zA-Z]*: )", "  $1")
            .replaceAll("(?m)^# (smtp:|  [a-z]+: )", "$1")
            .replace("  # token:", "  token:")
            .replace("  # publicBaseUrl:", "  publicBaseUrl:")
            .replace("url: jdbc:sqlite:mcpwatch-data/mcpwatch.db ", "url: jdbc:postgresql://db/m ")
            .replace("  # user:", "  user:")
            .replace("  # password:", "  password:");

    ConfigCheck c =
        ConfigFiles.check(
            "x.yaml",
            uncommented,
            Map.of(
                "SMTP_PASSWORD", "smtp-pw",
                "PGPASSWORD", "pg-pw",
                "MCPWATCH_HTTP_TOKEN", "0123456789abcdef0123456789abcdef"));

    assertThat(c.errors()).isEmpty();
    ServiceSettings s = c.config().service();
    assertThat(s.sources())
        .extracting(x -> x.app() + "/" + x.env() + "/" + x.type())
        .containsExactly(
            "teams/prod/file",
            "sharepoint/prod/file",
            "outlook/prod/docker",
            "databricks/dev/stdin");
    assertThat(s.sources().get(1).timestampFormat()).isEqualTo("none"); // init suggests no format its patterns cannot match
    assertThat(s.smtp().password()).isEqualTo("smtp-pw");
    assertThat(s.smtp().port()).isEqualTo(587);
    assertThat(s.storage().password()).isEqualTo("pg-pw");
    assertThat(s.http().token()).startsWith("0123");
    assertThat(s.http().baseUrl()).isEqualTo("https://mcpwatch.example.com");
    assertThat(c.findings()).noneMatch(x -> x.severity() != Severity.INFO);
  }

  @Test
  void check_templateServiceValues_areTheDefaults() throws Exception {
    ConfigCheck c = ConfigFiles.check("x.yaml", template(), Map.of());

    assertThat(c.errors()).isEmpty();
    assertThat(c.config().service()).isEqualTo(ServiceSettings.defaults());
  }

  @Test
  void check_accountId_quotedOrPlain_keepsItsDigits() {
    ConfigCheck quoted =
        ConfigFiles.check("x.yaml", "notifications: { accountId: '000000000000' }\n", Map.of());
    ConfigCheck plain =
        ConfigFiles.check("x.yaml", "notifications: { accountId: 123456789012 }\n", Map.of());

    assertThat(quoted.config().service().notifications().accountId()).isEqualTo("000000000000");
    assertThat(plain.config().service().notifications().accountId()).isEqualTo("123456789012");
    ConfigCheck zeros =
        ConfigFiles.check("x.yaml", "notifications: { accountId: 000000000000 }\n", Map.of());
    assertThat(zeros.config().service().notifications().accountId()).isEqualTo("000000000000");
  }

  @Test
  void load_alarmNameWithAControlCharacter_isAnErrorNamingTheKey() throws Exception {
    Path f = dir.resolve("m.yaml");
    // a newline in an alarm name could forge a line in the service log (issue 9 item 12)
    Files.writeString(f, template().replace("alarmName: \"{app}-{env}-{alarm}\"",
        "alarmName: \"{app}-{env}-{alarm}\\n12:00:00 INFO forged\""));

    assertThatThrownBy(() -> ConfigFiles.load(f))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("alarmName: alarm name")
        .hasMessageContaining("contains the control character U+000A at position")
        .hasMessageContaining("\\u000a12:00:00 INFO forged")
        .satisfies(e -> assertThat(e.getMessage().lines()).allMatch(l -> !l.contains("\tat ")));
  }
}
