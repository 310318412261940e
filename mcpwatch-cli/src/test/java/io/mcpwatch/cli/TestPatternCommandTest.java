package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPatternCommandTest {
  @TempDir Path dir;

  private static final String ACCESS_422 =
      "INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 422 Unprocessable Entity";
  private static final String ACCESS_200 = "INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 200 OK";

  private Path lines(String... lines) throws IOException {
    Path f = dir.resolve("events.log");
    Files.write(f, java.util.List.of(lines), StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void text_showsMatchesExtractedFieldsAndClosingLine() throws IOException {
    Path f = lines(ACCESS_422, ACCESS_200);
    Cli.Result r = Cli.run("test-pattern", "[level, client, dash, request, status=4*, ...]", f.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("event 1: " + ACCESS_422).contains("$status=422").doesNotContain("event 2");
    assertThat(r.out().strip()).endsWith("1 of 2 events matched");
  }

  @Test
  void json_isTheTestMetricFilterShapeWithOneBasedNumbers() throws IOException {
    Path f = lines("[ERROR] first", "INFO fine", "[ERROR] second");
    Cli.Result r = Cli.run("test-pattern", "--format", "json", "\"[ERROR]\"", f.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out().strip())
        .isEqualTo(
            "{\"matches\":[{\"eventNumber\":1,\"eventMessage\":\"[ERROR] first\",\"extractedValues\":{}},"
                + "{\"eventNumber\":3,\"eventMessage\":\"[ERROR] second\",\"extractedValues\":{}}]}");
  }

  @Test
  void json_withMetricValue_carriesValueAndDimensions() throws IOException {
    Path f = lines("127.0.0.1 GET /a 404 12", "127.0.0.1 GET /b 404 abc");
    Cli.Result r =
        Cli.run(
            "test-pattern", "--format", "json", "--metric-value", "$size", "--dimension", "status=$status",
            "[ip, method, path, status, size]", f.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("\"metricValue\":12.0,\"dimensions\":{\"status\":\"404\"}")
        .contains("\"eventNumber\":2")
        .contains("\"metricValue\":null");
  }

  @Test
  void invalidPattern_exits2WithColumnCaretAndHint() {
    Cli.Result r = Cli.run("test-pattern", "4??", dir.resolve("none").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Invalid character(s) in term").contains("^").contains("hint:");
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void invalidTransformation_exits2WithAwsMessage() throws IOException {
    Path f = lines("x");
    Cli.Result r = Cli.run("test-pattern", "--dimension", "a=$a", "ERROR", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("does not support dimensions");
  }

  @Test
  void unreadableInput_exits1AndNamesTheFile() {
    Cli.Result r = Cli.run("test-pattern", "ERROR", dir.resolve("missing.log").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("missing.log").contains("cannot read");
  }

  @Test
  void events_readsJsonLinesWithMultiLineMessages() throws IOException {
    Path f = dir.resolve("events.jsonl");
    Files.writeString(
        f,
        "{\"timestamp\": 1, \"message\": \"Traceback\\nValueError: OBO token exchange failed\"}\n"
            + "{\"timestamp\": 2, \"message\": \"ok\"}\n");
    Cli.Result r = Cli.run("test-pattern", "--events", f.toString(), "--format", "json", "\"OBO token exchange failed\"");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("\"eventNumber\":1").contains("Traceback\\nValueError").doesNotContain("\"eventNumber\":2");
  }

  @Test
  void events_malformedJsonIsUnreadableInputNamingTheLine() throws IOException {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"message\": \"ok\"}\n{not json\n");
    Cli.Result r = Cli.run("test-pattern", "--events", f.toString(), "ok");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("bad.jsonl:2:");
  }

  @Test
  void events_readsEveryInputBacktestReads() throws IOException {
    String m = "INFO:     203.0.113.7:40112 - \"GET /.env HTTP/1.1\" 404 Not Found";
    Path csv = dir.resolve("insights.csv");
    Files.writeString(csv, "@timestamp,@message\n2026-03-02 10:05:01.000,\"" + m.replace("\"", "\"\"") + "\"\n");
    Path gz = dir.resolve("000000.gz");
    try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(("2026-03-02T10:05:01.000Z " + m + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Path docker = dir.resolve("c-json.log");
    Files.writeString(docker, "{\"log\":\"\\u001b[33m" + m.replace("\"", "\\\"") + "\\n\",\"stream\":\"stdout\","
        + "\"time\":\"2026-03-02T10:05:01Z\"}\n");
    String pattern = "[level=\"INFO:*\", client, dash, request=*HTTP*, status=4*, ...]";

    for (Path f : List.of(csv, gz)) {
      Cli.Result r = Cli.run("test-pattern", "--events", f.toString(), pattern);
      assertThat(r.exit()).as(f + ": " + r.err()).isZero();
      assertThat(r.out()).as(f.toString()).contains("1 of 1 events matched");
    }
    assertThat(Cli.run("test-pattern", "--events", docker.toString(), pattern).out()).contains("0 of 1 events matched");
    assertThat(Cli.run("test-pattern", "--events", docker.toString(), "--strip-ansi", pattern).out())
        .contains("1 of 1 events matched");
    assertThat(Cli.run("test-pattern", "--events", csv.toString(), "--input-format", "text", pattern).out())
        .contains("0 of 2 events matched");
  }

  @Test
  void invalidUtf8_isReplacedNotFatal() throws IOException {
    Path f = dir.resolve("bin.log");
    Files.write(f, new byte[] {'E', 'R', 'R', 'O', 'R', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
    Cli.Result r = Cli.run("test-pattern", "ERROR", f.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("1 of 1 events matched");
  }
}
