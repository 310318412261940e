package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.demo.CorpusGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backtests the {@code init} configuration over a generated corpus of four MCP servers and checks
 * the report against counts computed independently from the corpus.
 */
class BacktestCommandTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String TEAMS_PROD = CorpusGenerator.logGroup("prod", "teams");

  @TempDir static Path dir;
  static Path config;
  static Path corpus;

  @BeforeAll
  static void setUp() throws IOException {
    config = dir.resolve("mcpwatch.yaml");
    assertThat(Cli.run("init", config.toString()).exit()).isZero();
    corpus = dir.resolve("events.jsonl");
    CorpusGenerator.write(corpus, 6L << 20, 7, CorpusGenerator.Format.JSON_LINES);
  }

  private static JsonNode backtestJson(String... extra) {
    List<String> args = new ArrayList<>(List.of("backtest", "-c", config.toString(), "--env", "prod", "--format", "json", "--no-progress"));
    args.addAll(List.of(extra));
    args.add(corpus.toString());
    Cli.Result r = Cli.run(args.toArray(new String[0]));
    assertThat(r.exit()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  private static JsonNode alarm(JsonNode report, String name) {
    for (JsonNode a : report.get("alarms")) {
      if (a.get("alarmName").asString().equals(name)) {
        return a;
      }
    }
    throw new AssertionError("no alarm " + name);
  }

  @Test
  void json_minutesEqualAnIndependentCountOfMatchingLines() throws IOException {
    JsonNode report = backtestJson();
    assertThat(report.get("alarms")).hasSize(16);
    // Count "OBO token exchange failed" per minute in the teams/prod log group, straight from the file.
    Map<Long, Integer> expected = new TreeMap<>();
    long matched = 0;
    for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
      JsonNode e = JSON.readTree(line);
      if (e.get("logGroup").asString().equals(TEAMS_PROD)
          && e.get("message").asString().contains("OBO token exchange failed")) {
        expected.merge(Math.floorDiv(e.get("timestamp").asLong(), 60_000L) * 60_000L, 1, Integer::sum);
        matched++;
      }
    }
    JsonNode auth = alarm(report, "teams-prod-auth-failures");
    assertThat(auth.get("matchedEvents").asLong()).isEqualTo(matched);
    Map<Long, Integer> actual = new TreeMap<>();
    for (JsonNode m : auth.get("minutes")) {
      actual.put(Instant.parse(m.get("start").asString()).toEpochMilli(), (int) m.get("sum").asDouble());
      assertThat(m.get("sampleCount").asLong()).isEqualTo((long) m.get("sum").asDouble());
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(auth.get("dimensions").get("MCP").asString()).isEqualTo("teams");
    assertThat(auth.get("namespace").asString()).isEqualTo("MCP/Security");
  }

  @Test
  void json_transitionsAreTheSameWithoutEarlyFiringOnlyLater() {
    JsonNode early = backtestJson();
    JsonNode late = backtestJson("--no-early");
    int firedSomewhere = 0;
    for (JsonNode a : early.get("alarms")) {
      JsonNode b = alarm(late, a.get("alarmName").asString());
      JsonNode ta = a.get("transitions");
      JsonNode tb = b.get("transitions");
      assertThat(ta.size()).as(a.get("alarmName").asString()).isEqualTo(tb.size());
      for (int i = 0; i < ta.size(); i++) {
        assertThat(ta.get(i).get("newState").asString()).isEqualTo(tb.get(i).get("newState").asString());
        assertThat(Instant.parse(ta.get(i).get("time").asString()))
            .isBeforeOrEqualTo(Instant.parse(tb.get(i).get("time").asString()));
        assertThat(tb.get(i).get("early").asBoolean()).isFalse();
        if (ta.get(i).get("newState").asString().equals("ALARM")) {
          firedSomewhere++;
        }
      }
      assertThat(a.get("finalState").asString()).isEqualTo(b.get("finalState").asString());
    }
    assertThat(firedSomewhere).as("the corpus has incidents that fire alarms").isPositive();
  }

  @Test
  void text_showsTimelineAndSummary() {
    Cli.Result r = Cli.run("backtest", "-c", config.toString(), "--env", "prod", "--no-progress", corpus.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("Backtest of env prod:").contains("teams-prod-http-5xx").contains("INSUFFICIENT_DATA -> OK")
        .contains("Threshold Crossed:").containsPattern("Summary: \\d+ of 16 alarms fired");
  }

  @Test
  void fromTo_limitTheWindowAndTheLastEvaluation() {
    JsonNode report = backtestJson("--from", "2026-03-02T00:05:00Z", "--to", "2026-03-02T00:10:00Z");
    assertThat(report.get("summary").get("from").asString()).isEqualTo("2026-03-02T00:05:00Z");
    assertThat(report.get("summary").get("to").asString()).isEqualTo("2026-03-02T00:10:00Z");
    assertThat(report.get("summary").get("outsideWindow").asLong()).isPositive();
    for (JsonNode a : report.get("alarms")) {
      for (JsonNode t : a.get("transitions")) {
        Instant time = Instant.parse(t.get("time").asString());
        assertThat(time).isBetween(Instant.parse("2026-03-02T00:05:00Z"), Instant.parse("2026-03-02T00:10:00Z"));
      }
    }
  }

  @Test
  void textInput_routedByAppWithTimestampsFromTheLines() throws IOException {
    Path log = dir.resolve("teams.log");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      lines.add("2026-03-02 10:0" + i + ":00,000 ERROR:auth:OBO token exchange failed: AADSTS50013");
    }
    Files.write(log, lines, StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("backtest", "-c", config.toString(), "--env", "dev", "--app", "teams", "--format", "json",
        "--timestamp-format", "python", "--no-progress", log.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode auth = alarm(JSON.readTree(r.out()), "teams-dev-auth-failures");
    assertThat(auth.get("matchedEvents").asLong()).isEqualTo(6);
    assertThat(auth.get("transitions").toString()).contains("\"newState\":\"ALARM\"");
  }

  @Test
  void errors_areOneLineWithExitCodes() {
    assertThat(Cli.run("backtest", "-c", config.toString(), "--env", "staging", corpus.toString()).err())
        .contains("no alarms for --env staging").contains("environments: dev, prod");
    Cli.Result missing = Cli.run("backtest", "-c", config.toString(), "--env", "prod", dir.resolve("nope.jsonl").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("nope.jsonl: cannot read");
    Cli.Result badTime = Cli.run("backtest", "-c", config.toString(), "--env", "prod", "--from", "yesterday", corpus.toString());
    assertThat(badTime.exit()).isEqualTo(2);
    assertThat(badTime.err()).contains("--from yesterday: expected an ISO-8601 UTC time");
  }
}
