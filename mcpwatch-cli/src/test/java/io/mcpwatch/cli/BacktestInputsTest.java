package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /** 404s at 10:05:00..10:05:59 and 10:20:00..10:20:59 (two bursts), each event once. */
  private static List<long[]> burstTimes() {
    List<long[]> out = new ArrayList<>();
    long base = java.time.Instant.parse("2026-03-02T10:05:00Z").toEpochMilli();
    for (int burst = 0; burst < 2; burst++) {
      for (int i = 0; i < 60; i++) {
        out.add(new long[] {base + burst * 15 * 60_000L + i * 1000L});
      }
    }
    return out;
  }

  private static String quoteJson(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static JsonNode alarmsOf(Path input) {
    Cli.Result r = backtest("--format", "json", input.toString());
    assertThat(r.exit()).as(input + ": " + r.err()).isZero();
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.get("summary").get("eventsReplayed").asLong()).as(input.toString()).isEqualTo(120);
    return root.get("alarms");
  }

  @Test
  void everyInputShape_ofTheSameEvents_givesTheSameBacktest() throws IOException {
    List<long[]> times = burstTimes();
    StringBuilder jsonl = new StringBuilder();
    StringBuilder docker = new StringBuilder();
    StringBuilder cli = new StringBuilder("{\"events\": [");
    StringBuilder query = new StringBuilder("{\"results\": [");
    StringBuilder csv = new StringBuilder("@timestamp,@message\n");
    StringBuilder s3 = new StringBuilder();
    for (int i = 0; i < times.size(); i++) {
      long t = times.get(i)[0];
      java.time.Instant at = java.time.Instant.ofEpochMilli(t);
      String space = at.toString().replace("T", " ").replace("Z", ".000");
      jsonl.append("{\"timestamp\":").append(t).append(",\"message\":").append(quoteJson(NOT_FOUND)).append("}\n");
      docker.append("{\"log\":").append(quoteJson(NOT_FOUND + "\n")).append(",\"stream\":\"stdout\",\"time\":\"")
          .append(at).append("\"}\n");
      cli.append(i == 0 ? "" : ",").append("{\"timestamp\":").append(t).append(",\"message\":")
          .append(quoteJson(NOT_FOUND)).append(",\"ingestionTime\":").append(t + 500).append("}");
      // newest first, as Logs Insights returns them
      long tr = times.get(times.size() - 1 - i)[0];
      String spaceR = java.time.Instant.ofEpochMilli(tr).toString().replace("T", " ").replace("Z", ".000");
      query.append(i == 0 ? "" : ",").append("[{\"field\":\"@timestamp\",\"value\":\"").append(spaceR)
          .append("\"},{\"field\":\"@message\",\"value\":").append(quoteJson(NOT_FOUND)).append("}]");
      csv.append(spaceR).append(",\"").append(NOT_FOUND.replace("\"", "\"\"")).append("\"\n");
      // an S3 export object: the second burst first
      long ts3 = times.get((i + 60) % times.size())[0];
      s3.append(java.time.Instant.ofEpochMilli(ts3).toString().replace("Z", ".000Z").replace(".000.000Z", ".000Z"))
          .append(' ').append(NOT_FOUND).append('\n');
      assertThat(space).isNotEmpty();
    }
    cli.append("]}");
    query.append("], \"status\": \"Complete\"}");
    Path gz = dir.resolve("same-000000.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(s3.toString().getBytes(StandardCharsets.UTF_8));
    }
    Map<String, String> shapes = new java.util.LinkedHashMap<>();
    shapes.put("same.jsonl", jsonl.toString());
    shapes.put("same-docker-json.log", docker.toString());
    shapes.put("same-filter-log-events.json", cli.toString());
    shapes.put("same-get-query-results.json", query.toString());
    shapes.put("same-insights.csv", csv.toString());

    JsonNode reference = alarmsOf(write("same.jsonl", shapes.get("same.jsonl")));
    assertThat(reference.toString()).contains("\"newState\":\"ALARM\"");
    for (Map.Entry<String, String> e : shapes.entrySet()) {
      assertThat(alarmsOf(write(e.getKey(), e.getValue()))).as(e.getKey()).isEqualTo(reference);
    }
    assertThat(alarmsOf(gz)).as("S3 export").isEqualTo(reference);
  }

  private static Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void reversedInput_isReplayedInEventTimeAndSaysSo() throws IOException {
    List<long[]> times = burstTimes();
    StringBuilder forward = new StringBuilder();
    StringBuilder reversed = new StringBuilder();
    for (int i = 0; i < times.size(); i++) {
      forward.append("{\"timestamp\":").append(times.get(i)[0]).append(",\"message\":").append(quoteJson(NOT_FOUND)).append("}\n");
      reversed.append("{\"timestamp\":").append(times.get(times.size() - 1 - i)[0]).append(",\"message\":")
          .append(quoteJson(NOT_FOUND)).append("}\n");
    }

    JsonNode f = alarmsOf(write("fwd.jsonl", forward.toString()));
    Cli.Result text = backtest(write("rev.jsonl", reversed.toString()).toString());

    assertThat(alarmsOf(dir.resolve("rev.jsonl"))).isEqualTo(f);
    assertThat(text.out()).contains("note: 119 events were out of order in their input; all were replayed in event-time order");
  }
}
