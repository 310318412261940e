package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Backtest on the inputs users have: AWS exports, uvicorn's untimed and coloured output. */
class BacktestInputsTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String NOT_FOUND = "INFO:     203.0.113.7:40112 - \"GET /.env HTTP/1.1\" 404 Not Found";

  @TempDir static Path dir;
  static Path config;

  @BeforeAll
  static void setUp() {
    config = dir.resolve("mcpwatch.yaml");
    assertThat(Cli.run("init", config.toString()).exit()).isZero();
  }

  private static Cli.Result backtest(String... extra) {
    List<String> args = new ArrayList<>(List.of("backtest", "-c", config.toString(), "--env", "prod", "--app", "teams", "--no-progress"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(new String[0]));
  }

  private static long matched(Cli.Result r, String alarm) {
    assertThat(r.exit()).as(r.err()).isZero();
    for (JsonNode a : JSON.readTree(r.out()).get("alarms")) {
      if (a.get("alarmName").asString().equals(alarm)) {
        return a.get("matchedEvents").asLong();
      }
    }
    throw new AssertionError("no alarm " + alarm);
  }

  @Test
  void s3ExportObject_thePrefixIsNotAFieldOfTheMessage() throws IOException {
    Path gz = dir.resolve("000000.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      for (int i = 59; i >= 0; i--) { // an export object is not sorted
        out.write(String.format("2026-03-02T10:05:%02d.500Z %s%n", i, NOT_FOUND).getBytes(StandardCharsets.UTF_8));
      }
    }

    Cli.Result r = backtest("--format", "json", gz.toString());

    assertThat(matched(r, "teams-prod-http-4xx")).isEqualTo(60);
  }

  @Test
  void insightsCsv_isReadWithItsQuoting() throws IOException {
    Path csv = dir.resolve("logs-insights-results.csv");
    StringBuilder b = new StringBuilder("@timestamp,@message\n");
    for (int i = 59; i >= 0; i--) {
      b.append(String.format("2026-03-02 10:05:%02d.500,\"%s\"%n", i, NOT_FOUND.replace("\"", "\"\"")));
    }
    Files.writeString(csv, b.toString(), StandardCharsets.UTF_8);

    assertThat(matched(backtest("--format", "json", csv.toString()), "teams-prod-http-4xx")).isEqualTo(60);
  }

  @Test
  void uvicornWithoutTimestamps_failsWithOneLineSayingWhy() throws IOException {
    Path log = dir.resolve("uvicorn.log");
    Files.writeString(log, (NOT_FOUND + "\n").repeat(30), StandardCharsets.UTF_8);

    Cli.Result r = backtest(log.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo("mcpwatch: nothing replayed: 30 lines of " + log + " carry no timestamp (uvicorn's default"
            + " format); give them times with --assume-start TIME --assume-rate N/s, or name their format with"
            + " --timestamp-format");
  }

  @Test
  void uvicornWithAssumedTimes_isReplayedAndSaysTheTimesAreAssumed() throws IOException {
    Path log = dir.resolve("uvicorn2.log");
    Files.writeString(log, (NOT_FOUND + "\n").repeat(60), StandardCharsets.UTF_8);

    Cli.Result r = backtest("--format", "json", "--assume-start", "2026-03-02T10:00:00Z", "--assume-rate", "1/s",
        log.toString());

    assertThat(matched(r, "teams-prod-http-4xx")).isEqualTo(60);
    assertThat(r.err()).contains("mcpwatch: the times of 60 events are assumed (--assume-start 2026-03-02T10:00:00Z,"
        + " --assume-rate 1/s), not read from the input");
    Cli.Result bad = backtest("--assume-start", "2026-03-02T10:00:00Z", "--assume-rate", "fast", log.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err().strip()).isEqualTo("mcpwatch: --assume-rate fast: expected events per second like 10/s, 600/min or 0.5");
  }

  @Test
  void ansiColours_matchOnlyWhenStripped() throws IOException {
    Path log = dir.resolve("container-json.log"); // uvicorn in a container with a tty
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      b.append(String.format("{\"log\":\"\\u001b[31mERROR\\u001b[0m:    Exception in ASGI application\\n\","
          + "\"stream\":\"stderr\",\"time\":\"2026-03-02T10:05:%02d.000Z\"}%n", i));
    }
    Files.writeString(log, b.toString(), StandardCharsets.UTF_8);

    long plain = matched(backtest("--format", "json", log.toString()), "teams-prod-errors");
    long stripped = matched(backtest("--format", "json", "--strip-ansi", log.toString()), "teams-prod-errors");

    assertThat(plain).isZero();
    assertThat(stripped).isEqualTo(30);
  }
}
