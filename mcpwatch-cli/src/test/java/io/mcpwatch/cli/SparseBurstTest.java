package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One 404 burst on an app with sparse traffic, through the generated file's http-4xx alarm (Sum
 * of 5 minutes >= 50, notBreaching): with CloudWatch's evaluation range of N + 2 periods the alarm
 * goes back to ALARM after it returned to OK; with the setting {@code validate} recommends it fires
 * once. {@code validate} says so on the generated file, and no longer on the recommended one.
 */
class SparseBurstTest {
  private static final long T0 = 1772445600000L; // 2026-03-02T10:00:00Z
  private static final String GROUP = "/ecs/aiconnectors-prod-aiconnectors/teams-main-svc/teams";

  @TempDir static Path dir;
  static Path generated;
  static Path recommended;
  static Path events;

  @BeforeAll
  static void setUp() throws IOException {
    generated = dir.resolve("mcpwatch.yaml");
    assertThat(Cli.run("init", generated.toString()).exit()).isZero();
    String text = Files.readString(generated, StandardCharsets.UTF_8);
    String engineLine = "  evaluationRangeExtra: 2 ";
    assertThat(text).contains(engineLine);
    recommended = dir.resolve("recommended.yaml");
    Files.writeString(recommended, text.replace(engineLine, "  evaluationRangeExtra: 0 "),
        StandardCharsets.UTF_8);
    // a scanner's burst of 60 404s at 10:10:20, and otherwise one 404 every 7 minutes
    List<String> lines = new ArrayList<>();
    for (int minute = 0; minute < 45; minute += 7) {
      lines.add(notFound(T0 + minute * 60_000L + 5_000));
    }
    for (int i = 0; i < 60; i++) {
      lines.add(notFound(T0 + 10 * 60_000L + 20_000 + i * 100L));
    }
    events = dir.resolve("burst.jsonl");
    Files.write(events, lines, StandardCharsets.UTF_8);
  }

  private static String notFound(long t) {
    return "{\"timestamp\":" + t + ",\"logGroup\":\"" + GROUP + "\",\"message\":\"INFO:     "
        + "10.0.1.23:51234 - \\\"GET /mcp HTTP/1.1\\\" 404 Not Found\"}";
  }

  /** The http-4xx alarm's transitions into ALARM in the backtest of {@code config}. */
  private static long alarmTransitions(Path config) {
    Cli.Result r = Cli.run("backtest", "-c", config.toString(), "--env", "prod", "--app", "teams",
        "--format", "json", events.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode root = JsonMapper.builder().build().readTree(r.out());
    for (JsonNode a : root.get("alarms")) {
      if (a.get("alarmName").asString().equals("teams-prod-http-4xx")) {
        long n = 0;
        for (JsonNode t : a.get("transitions")) {
          n += t.get("newState").asString().equals("ALARM") ? 1 : 0;
        }
        return n;
      }
    }
    throw new AssertionError("no teams-prod-http-4xx in " + r.out());
  }

  @Test
  void backtest_oneBurst_refiresWithTheEvaluationRangeAndFiresOnceWithTheRecommendedSetting() {
    assertThat(alarmTransitions(generated)).isGreaterThanOrEqualTo(2);
    assertThat(alarmTransitions(recommended)).isEqualTo(1);
  }

  @Test
  void validate_saysWhenThisCanHappenAndWhatAvoidsIt() {
    Cli.Result r = Cli.run("validate", "-c", generated.toString());
    assertThat(r.out()).contains("sparse data one burst can send several ALARM notifications")
        .contains("engine.evaluationRangeExtra: 0");
    Cli.Result fixed = Cli.run("validate", "-c", recommended.toString());
    assertThat(fixed.out()).doesNotContain("one burst can send several ALARM notifications");
  }

  @Test
  void initTemplate_noLongerPromisesThatAQuietPeriodKeepsTheAlarmOk() throws IOException {
    String text = Files.readString(generated, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("a quiet period keeps the alarm OK");
    assertThat(text).contains("evaluationRangeExtra: 0");
  }
}
