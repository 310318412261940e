package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ValidateCommandTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  static String adrAsWritten() throws Exception {
    try (InputStream in =
        ValidateCommandTest.class.getResourceAsStream("config/adr-0003-as-written.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void validate_adrAsWritten_reportsItsRealProblemsAndExits2() throws Exception {
    Path f = write("adr.yaml", adrAsWritten());

    Cli.Result r = Cli.run("validate", "-c", f.toString());

    assertThat(r.exit()).isEqualTo(2);
    List<String> lines = r.out().lines().filter(l -> !l.startsWith("  ")).toList();
    // each problem once (4?? and 5?? were reported twice), in file order, file-wide notes last
    assertThat(lines)
        .containsExactly(
            f
                + ":17:21: info: defaults.treatMissingData: with sparse data one burst can send"
                + " several ALARM notifications: evaluated every minute over its last 3 periods of"
                + " 300 s (evaluationPeriods 1 + engine.evaluationRangeExtra 2), the alarm reuses"
                + " the newest real datapoint in that range when the newest period has none"
                + " (treatMissingData: notBreaching applies only when none is left), so after a"
                + " burst it can go OK on a small count and back to ALARM on a quiet period, for up"
                + " to 15 minutes",
            f
                + ":19:22: info: defaults.dimensions.MCP: AWS rejects a static dimension value on a"
                + " metric filter (\"The specified filter pattern does not support dimensions\"):"
                + " dimension values must be fields of the event ($name, $.path) and term patterns"
                + " have no fields. mcpwatch adds MCP = {app} to every sample itself, and the alarm"
                + " watches it",
            f
                + ":22:55: warning: alarms.errors.pattern: ERROR is a substring search: it also"
                + " counts lines that merely mention ERROR (an INFO line about ERROR_RATE_LIMIT,"
                + " ERRORCODE), not only ERROR-level records",
            f
                + ":23:55: error: alarms.http-4xx.pattern: 4?? is not a wildcard: '?' only marks an"
                + " optional (OR) term when it starts a term (?ERROR ?WARN), and AWS rejects it"
                + " inside a term",
            f
                + ":24:55: error: alarms.http-5xx.pattern: 5?? is not a wildcard: '?' only marks an"
                + " optional (OR) term when it starts a term (?ERROR ?WARN), and AWS rejects it"
                + " inside a term",
            f
                + ": info: smtp: there is no smtp section, so mail is written to"
                + " mcpwatch-data/mailbox as .eml files (confirmation requests too)",
            f
                + ": info: sources: there are no sources: mcpwatch run will only receive events"
                + " over HTTP/stdin",
            f + ": 2 errors, 1 warning, 4 infos; 16 alarms resolved");
    assertThat(r.out())
        .contains(
            "  suggestion: [level, client, dash, request=*HTTP*, status=4*, ...] counts 4xx"
                + " responses")
        .contains("  suggestion: [level=\"ERROR:*\" || level=\"CRITICAL:*\", ...]");
  }

  @Test
  void validate_warningsOnly_exits1() throws Exception {
    String text =
        InitCommand.template()
            .replace("'[level=\"ERROR:*\" || level=\"CRITICAL:*\", ...]'", "ERROR");
    Path f = write("warn.yaml", text);

    Cli.Result r = Cli.run("validate", "-c", f.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains(": warning: alarms.errors.pattern: ERROR is a substring search");
    assertThat(r.out()).endsWith(f + ": 0 errors, 1 warning, 4 infos; 32 alarms resolved\n");
  }

  @Test
  void validate_schemaErrors_allReportedWithYamlPositions() throws Exception {
    String text =
        InitCommand.template()
            .replace("    threshold: 20\n", "    treshold: 20\n")
            .replace("    threshold: 50\n", "    threshold: fifty\n")
            .replace("statistic: Sum", "statistic: sum");
    Path f = write("bad.yaml", text);
    List<String> source = text.lines().toList();

    Cli.Result r = Cli.run("validate", "-c", f.toString());

    assertThat(r.exit()).isEqualTo(2);
    int statLine = source.indexOf("  statistic: sum") + 1;
    int tresholdLine = source.indexOf("    treshold: 20") + 1;
    int fiftyLine = source.indexOf("    threshold: fifty") + 1;
    assertThat(r.out())
        .contains(
            f
                + ":"
                + statLine
                + ":14: error: defaults.statistic: expected one of SampleCount, Average, Sum,"
                + " Minimum, Maximum; found \"sum\" (did you mean Sum?)\n")
        .contains(
            f
                + ":"
                + tresholdLine
                + ":5: error: alarms.errors.treshold: unknown key (did you mean threshold?)\n")
        .contains(
            f
                + ":"
                + fiftyLine
                + ":16: error: alarms.http-4xx.threshold: expected a number, found \"fifty\"\n");
  }

  @Test
  void validate_yamlSyntaxError_isOneLine() throws Exception {
    Path f = write("syntax.yaml", "namespace: MCP/Security\napps: [a, b\nalarms: {}\n");

    Cli.Result r = Cli.run("validate", "-c", f.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out().lines().toList())
        .containsExactly(
            f
                + ":3:7: error: YAML syntax error: expected ',' or ']', but got : (while parsing a"
                + " flow sequence at 2:7)",
            f + ": 1 error, 0 warnings, 0 infos; 0 alarms resolved");
  }

  @Test
  void validate_jsonFormat_listsEveryFinding() throws Exception {
    Path f = write("adr.yaml", adrAsWritten());

    Cli.Result r = Cli.run("validate", "-c", f.toString(), "--format", "json");

    assertThat(r.exit()).isEqualTo(2);
    JsonNode root = JsonMapper.builder().build().readTree(r.out());
    assertThat(root.get("file").asString()).isEqualTo(f.toString());
    assertThat(root.get("errors").asInt()).isEqualTo(2); // 4?? and 5?? once each
    assertThat(root.get("warnings").asInt()).isEqualTo(1);
    assertThat(root.get("infos").asInt()).isEqualTo(4);
    assertThat(root.get("alarms").asInt()).isEqualTo(16);
    assertThat(root.get("exitCode").asInt()).isEqualTo(2);
    JsonNode first = root.get("findings").get(0); // in file order
    assertThat(first.get("severity").asString()).isEqualTo("info");
    assertThat(first.get("path").asString()).isEqualTo("defaults.treatMissingData");
    assertThat(first.get("line").asInt()).isEqualTo(17);
    JsonNode second = root.get("findings").get(1);
    assertThat(second.get("path").asString()).isEqualTo("defaults.dimensions.MCP");
    assertThat(second.get("line").asInt()).isEqualTo(19);
    JsonNode http4xx = root.get("findings").get(3);
    assertThat(http4xx.get("severity").asString()).isEqualTo("error");
    assertThat(http4xx.get("path").asString()).isEqualTo("alarms.http-4xx.pattern");
    assertThat(http4xx.get("line").asInt()).isEqualTo(23);
    assertThat(root.get("findings")).hasSize(7);
    assertThat(root.get("findings").get(2).get("rule").asString()).isEqualTo("bare-level-term");
    assertThat(root.get("findings").get(2).get("suggestion").asString()).startsWith("[level=");
  }

  @Test
  void validate_missingFile_isAUserError() {
    Cli.Result r = Cli.run("validate", "-c", dir.resolve("nope.yaml").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nope.yaml: no such file (mcpwatch init writes a starting point)");
  }

  @Test
  void validate_unknownFormat_isAUsageError() throws Exception {
    Path f = write("ok.yaml", InitCommand.template());

    Cli.Result r = Cli.run("validate", "-c", f.toString(), "--format", "xml");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--format");
  }

  @Test
  void validate_sourceGlobMatchingNothing_isAWarningAndExits1() throws Exception {
    Path logs = java.nio.file.Files.createDirectories(dir.resolve("logs"));
    java.nio.file.Files.writeString(logs.resolve("teams.log"), "");
    String text =
        InitCommand.template()
            .replace(
                "sources:\n",
                "sources:\n"
                    + "  - { app: teams, env: prod, type: file, path: "
                    + logs
                    + "/*.log }\n"
                    + "  - { app: outlook, env: prod, type: file, path: "
                    + dir
                    + "/outlook/*.log }\n");
    Path f = write("globs.yaml", text);
    int line = text.lines().toList().indexOf("sources:") + 3;

    Cli.Result r = Cli.run("validate", "-c", f.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            f
                + ":"
                + line
                + ":5: warning: sources[1]: the glob "
                + dir
                + "/outlook/*.log matches no file now, or its directory cannot be read by this"
                + " user; mcpwatch run picks files up when they appear\n")
        .doesNotContain("teams.log")
        .endsWith(f + ": 0 errors, 1 warning, 3 infos; 32 alarms resolved\n");
  }

  @Test
  void validate_secrets_neverShownInTextOrJson() throws Exception {
    String secret = "s3cr3t-XYZ";
    String text =
        InitCommand.template()
                .replace("  # token: ${MCPWATCH_HTTP_TOKEN}", "  token: " + secret)
                .replace("listen: 127.0.0.1:8787", "listen: 0.0.0.0:8787")
                .replace(
                    "  historyRetention: 14d", "  password: " + secret + "\n  historyRetention: 14")
            + "smtp:\n  host: mail.example.com\n  security: none\n  username: u\n  password: '"
            + secret
            + "'\n  pasword: "
            + secret
            + "\n  port: '${MCPWATCH_UNSET_VARIABLE_FOR_TEST}'\n"
            + "topics:\n  hooks:\n    subscribers:\n"
            + "      - { slack: 'http://hooks.slack.com/services/T/B/"
            + secret
            + "' }\n      - { http: 'http://10.0.0.1/"
            + secret
            + "' }\n      - { email: 'https://x.example.com/"
            + secret
            + "' }\n";
    Path f = write("secret.yaml", text);

    Cli.Result plain = Cli.run("validate", "-c", f.toString());
    Cli.Result json = Cli.run("validate", "-c", f.toString(), "--format", "json");

    assertThat(plain.exit()).isEqualTo(2);
    assertThat(plain.out())
        .contains("smtp.port: environment variable MCPWATCH_UNSET_VARIABLE_FOR_TEST is not set")
        .contains("storage.password: password applies to jdbc:postgresql: databases only")
        .contains("smtp.pasword: unknown key (did you mean password?)")
        .contains("protocol slack expects a URL starting with https://")
        .contains("error: http.token: the token is shorter than 16 characters")
        .contains("warning: smtp.security: with security: none the SMTP password is sent");
    assertThat(plain.out() + plain.err() + json.out() + json.err()).doesNotContain(secret);
    assertThat(json.exit()).isEqualTo(2);
  }

  @Test
  void validate_help_showsTheVariableSyntaxLiterally() {
    Cli.Result r = Cli.run("validate", "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out().replaceAll("\\s+", " ")).contains("${NAME} values from the environment");
  }
}
