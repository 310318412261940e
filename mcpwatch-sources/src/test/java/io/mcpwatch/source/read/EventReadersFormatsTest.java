package io.mcpwatch.source.read;

import static io.mcpwatch.source.read.Reading.readFile;
import static io.mcpwatch.source.read.Reading.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.source.read.Reading.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each format, auto-detected from realistic files. */
class EventReadersFormatsTest {
  private static final String G =
      "/ecs/aiconnectors-prod-aiconnectors/sharepoint-main-svc/sharepoint";
  private static final ReadOptions OPTS = ReadOptions.defaults().withDefaultLogGroup(G);

  @TempDir Path dir;

  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void open_jsonLinesFile() throws IOException {
    Result r = readFile(resource("app.jsonl"), OPTS);
    assertThat(r.stats().malformed()).isZero();
    assertThat(r.events())
        .extracting(LogEvent::timestampMillis)
        .containsExactly(
            1772445900123L, 1772445901000L, 1772445902000L, 1772445903000L, 1772445904000L);
    assertThat(r.events().get(0).logGroup())
        .isEqualTo("/ecs/aiconnectors-prod-aiconnectors/sharepoint-main-svc/sharepoint");
    assertThat(r.events().get(0).message())
        .isEqualTo("INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 200 OK");
    assertThat(r.events().get(1).logGroup()).endsWith("/teams-main-svc/teams");
    assertThat(r.events().get(2).message())
        .isEqualTo(
            "Traceback (most recent call last):\n"
                + "  File \"/app/src/teams_mcp/server.py\", line 142");
    assertThat(r.events().get(3).message())
        .isEqualTo("INFO:teams_mcp.tools:search query='Zoë Müller' 东京 📁");
    assertThat(r.events().get(4).logGroup()).isEqualTo(G);
    assertThat(r.stats().events()).isEqualTo(5);
    assertThat(r.stats().bytes()).isEqualTo(Files.size(resource("app.jsonl")));
  }

  @Test
  void open_filterLogEventsOutputWithTwoPages() throws IOException {
    Result r = readFile(resource("filter-log-events.json"), OPTS);
    assertThat(r.stats().malformed()).isZero();
    assertThat(r.events()).hasSize(4).allMatch(e -> e.logGroup().equals(G));
    assertThat(r.events().get(1).message()).startsWith("ERROR:sharepoint_mcp.auth:OBO token");
    assertThat(r.events().get(2).message()).contains("\n  File \"/app/src/");
    assertThat(r.events().get(3).message()).endsWith("Internal Server Error é😀");
    assertThat(r.events().get(3).timestampMillis()).isEqualTo(1772445903000L);
    assertThat(r.stats().bytes()).isEqualTo(Files.size(resource("filter-log-events.json")));
  }

  @Test
  void open_getLogEventsOutput() throws IOException {
    Result r = readFile(resource("get-log-events.json"), OPTS);
    assertThat(r.events())
        .containsExactly(
            new LogEvent(
                G, 1772445900123L, "INFO:     10.0.1.23:51234 - \"GET /health HTTP/1.1\" 200 OK"),
            new LogEvent(
                G,
                1772445960000L,
                "INFO:     203.0.113.7:40112 - \"GET /.env HTTP/1.1\" 404 Not Found"));
  }

  @Test
  void open_dockerJsonFile() throws IOException {
    Result r = readFile(resource("docker-uvicorn.log"), OPTS);
    assertThat(r.stats().malformed()).isZero();
    assertThat(r.stats().skipped()).isEqualTo(1); // the empty line
    assertThat(r.events()).hasSize(8);
    assertThat(r.events().get(0))
        .isEqualTo(
            new LogEvent(
                G, ms("2026-03-02T10:05:00.123Z"), "INFO:     Started server process [1]"));
    assertThat(r.events().get(2).message())
        .isEqualTo("INFO:     10.0.1.23:51234 - \"GET / HTTP/1.1\" 200 OK");
    assertThat(r.events().get(4).message()).endsWith("401 Unauthorized");
    assertThat(r.events().get(6).timestampMillis()).isEqualTo(ms("2026-03-02T10:05:02.002Z"));
  }

  @Test
  void open_plainTextWithPythonTimestamps() throws IOException {
    Result r = readFile(resource("uvicorn-python.log"), OPTS.withTimestampFormat("python"));
    assertThat(r.stats().skipped()).isEqualTo(2); // the line before any timestamp, the blank line
    assertThat(r.events()).hasSize(13);
    assertThat(r.events().get(0).message()).endsWith("Application startup complete.");
    // the traceback and the access line after it take the ERROR line's time
    assertThat(r.events().subList(4, 12))
        .allMatch(e -> e.timestampMillis() == ms("2026-03-02T10:05:02.001Z"));
    assertThat(r.events().get(12).timestampMillis()).isEqualTo(ms("2026-03-02T09:06:00.250Z"));
  }

  @Test
  void open_formatOverrideWins() throws IOException {
    Result r =
        readFile(
            resource("app.jsonl"), OPTS.withFormat(InputFormat.TEXT).withTimestampFormat("none"));
    assertThat(r.events()).isEmpty();
    assertThat(r.stats().skipped()).isEqualTo(5);
  }

  @Test
  void open_gzipIsTransparent() throws IOException {
    Path gz = dir.resolve("app.jsonl.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(Files.readAllBytes(resource("app.jsonl")));
      o.write(Files.readAllBytes(resource("app.jsonl"))); // and a second member's worth
    }
    Result r = readFile(gz, OPTS);
    assertThat(r.events()).hasSize(10);
    assertThat(r.stats().bytes()).isEqualTo(2 * Files.size(resource("app.jsonl")));
  }

  @Test
  void open_gzipTruncatedKeepsWhatItCouldReadAndReportsIt() throws IOException {
    byte[] plain = Files.readAllBytes(resource("app.jsonl"));
    java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(bo)) {
      for (int i = 0; i < 200; i++) {
        o.write(plain);
      }
    }
    byte[] gz = bo.toByteArray();
    Path cut = dir.resolve("cut.gz");
    Files.write(cut, java.util.Arrays.copyOf(gz, gz.length / 2));
    Result r = readFile(cut, OPTS);
    assertThat(r.events().size()).isBetween(1, 999);
    assertThat(r.stats().firstErrors()).anyMatch(e -> e.contains("truncated gzip"));
    Path header = dir.resolve("header.gz");
    Files.write(header, new byte[] {0x1f, (byte) 0x8b, 8});
    assertThat(readFile(header, OPTS).stats().firstErrors()).hasSize(1);
  }

  @Test
  void open_detectsEachFormatFromTheHead() {
    assertThat(detect("{\"timestamp\":1,\"message\":\"m\"}\n")).isEqualTo(InputFormat.JSON_LINES);
    assertThat(detect("\uFEFF\n\n  {\"message\":\"m\",\"log\":\"x\"}"))
        .isEqualTo(InputFormat.JSON_LINES);
    assertThat(detect("{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"t\"}"))
        .isEqualTo(InputFormat.DOCKER);
    assertThat(detect("{\n    \"events\": [\n")).isEqualTo(InputFormat.CLOUDWATCH_JSON);
    assertThat(detect("{\"nextForwardToken\":\"f\",\"events\":[]}"))
        .isEqualTo(InputFormat.CLOUDWATCH_JSON);
    assertThat(detect("[\n {\"timestamp\":1}")).isEqualTo(InputFormat.CLOUDWATCH_JSON);
    assertThat(detect("2026-03-02 10:05:00,123 INFO x")).isEqualTo(InputFormat.TEXT);
    assertThat(detect(" \r\n\t")).isEqualTo(InputFormat.AUTO);
    assertThat(detect("{\u00ff\u0000")).isEqualTo(InputFormat.JSON_LINES);
    assertThat(detect("{\"events\":3,\"timestamp\":1,\"message\":\"m\"}"))
        .isEqualTo(InputFormat.JSON_LINES);
    assertThat(detect("{\"events\":[1],\"timestamp\":1,\"message\":\"m\"}"))
        .isEqualTo(InputFormat.JSON_LINES);
  }

  private static InputFormat detect(String head) {
    byte[] b = head.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return InputFormat.detect(b, 0, b.length);
  }

  @Test
  void fromCliName_acceptsNamesAndRejectsOthers() {
    assertThat(InputFormat.fromCliName("JSONL")).isEqualTo(InputFormat.JSON_LINES);
    assertThat(InputFormat.fromCliName("aws")).isEqualTo(InputFormat.CLOUDWATCH_JSON);
    assertThat(InputFormat.fromCliName("docker")).isEqualTo(InputFormat.DOCKER);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> InputFormat.fromCliName("xml"))
        .hasMessageContaining("expected one of auto, jsonl, cloudwatch, s3-export, insights-csv,");
  }

  @Test
  void forFormat_cloudWatchIsNotLineBased() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LineDecoder.forFormat(InputFormat.CLOUDWATCH_JSON, OPTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not line-based");
  }

  @Test
  void autoLineDecoder_decidesOnTheFirstNonBlankLine() {
    LineDecoder d = LineDecoder.forFormat(InputFormat.AUTO, OPTS);
    assertThat(DecoderHarness.decode(d, "  ")).isNull();
    assertThat(d.format()).isEqualTo(InputFormat.AUTO);
    LogEvent e = DecoderHarness.decode(d, "{\"log\":\"x\\n\",\"time\":\"2026-03-02T10:05:00Z\"}");
    assertThat(d.format()).isEqualTo(InputFormat.DOCKER);
    assertThat(e.message()).isEqualTo("x");
    assertThat(DecoderHarness.decode(d, "{\"log\":5}")).isNull();
    assertThat(d.lastOutcome()).isEqualTo(LineDecoder.Outcome.MALFORMED);
    assertThat(d.lastProblem()).contains("\"log\"");
  }
}
