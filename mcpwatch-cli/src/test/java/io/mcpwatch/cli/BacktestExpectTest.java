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

/** {@code backtest --expect FILE}: a CI check like {@code promtool test rules}. */
class BacktestExpectTest {
  @TempDir static Path dir;
  static Path config;
  static Path log;
  static List<String> fired = new ArrayList<>();

  @BeforeAll
  static void setUp() throws IOException {
    config = dir.resolve("mcpwatch.yaml");
    assertThat(Cli.run("init", config.toString()).exit()).isZero();
    log = dir.resolve("burst.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      lines.add("{\"timestamp\":" + (1772445900000L + i * 1000L)
          + ",\"message\":\"INFO:     203.0.113.7:40112 - \\\"GET /.env HTTP/1.1\\\" 404 Not Found\"}");
    }
    Files.write(log, lines, StandardCharsets.UTF_8);
    Cli.Result r = run("--format", "json");
    for (JsonNode a : JsonMapper.builder().build().readTree(r.out()).get("alarms")) {
      if (a.get("alarmName").asString().equals("teams-prod-http-4xx")) {
        for (JsonNode t : a.get("transitions")) {
          if (t.get("newState").asString().equals("ALARM") || t.get("oldState").asString().equals("ALARM")) {
            fired.add(t.get("time").asString() + " " + t.get("newState").asString());
          }
        }
      }
    }
    assertThat(fired).isNotEmpty();
  }

  private static Cli.Result run(String... extra) {
    List<String> args = new ArrayList<>(List.of("backtest", "-c", config.toString(), "--env", "prod", "--app", "teams",
        "--no-progress"));
    args.addAll(List.of(extra));
    args.add(log.toString());
    return Cli.run(args.toArray(new String[0]));
  }

  private static Path expect(String... lines) throws IOException {
    Path f = Files.createTempFile(dir, "expect", ".txt");
    Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void expect_matchingFile_exitsZero() throws IOException {
    List<String> lines = new ArrayList<>(List.of("# the 404 burst fires once", "teams-prod-http-5xx never fires"));
    fired.forEach(f -> lines.add("teams-prod-http-4xx  " + f));
    Path f = expect(lines.toArray(new String[0]));

    Cli.Result r = run("--expect", f.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("mcpwatch: the backtest matches " + f + " (2 alarms checked)");
  }

  @Test
  void expect_neverFiresButItDoes_exitsOneWithADiff() throws IOException {
    Path f = expect("teams-prod-http-4xx never fires", "teams-prod-http-5xx never fires");

    Cli.Result r = run("--expect", f.toString());

    assertThat(r.exit()).isEqualTo(1);
    List<String> want = new ArrayList<>(List.of(
        "mcpwatch: the backtest differs from " + f + " (- expected, + replayed):",
        "  teams-prod-http-4xx:",
        "  -   never fires"));
    fired.forEach(x -> want.add("  +   " + x));
    assertThat(r.err().lines()).containsExactlyElementsOf(want);
  }

  @Test
  void expect_wrongTimeAndUnknownAlarm_areBothInTheDiff() throws IOException {
    Path f = expect("teams-prod-http-4xx 2026-03-02T09:00:00Z ALARM", "teams-prod-htp-4xx never fires");

    Cli.Result r = run("--expect", f.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("  -   2026-03-02T09:00:00Z ALARM\n").contains("  +   " + fired.get(0) + "\n")
        .contains("teams-prod-htp-4xx: not an alarm of this backtest (alarms: teams-prod-auth-failures,");
  }

  @Test
  void expect_badFile_isOneLineNamingTheLine() throws IOException {
    Path f = expect("# ok", "teams-prod-http-4xx at noon ALARM");

    Cli.Result r = run("--expect", f.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("mcpwatch: " + f + ":2: expected 'ALARM TIME STATE' (e.g. teams-prod-auth"
        + " 2026-03-02T10:06:00Z ALARM) or 'ALARM never fires'; found: teams-prod-http-4xx at noon ALARM");
    assertThat(run("--expect", dir.resolve("none.txt").toString()).exit()).isEqualTo(1);
  }
}
