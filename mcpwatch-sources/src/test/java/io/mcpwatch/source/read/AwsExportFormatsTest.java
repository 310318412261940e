package io.mcpwatch.source.read;

import static io.mcpwatch.source.read.Reading.readFile;
import static io.mcpwatch.source.read.Reading.readString;
import static io.mcpwatch.source.read.Reading.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.source.read.Reading.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * The export shapes AWS documents, as a user downloads them: S3 export objects, the Logs Insights
 * console CSV and {@code aws logs get-query-results} JSON. The samples hold the same three events.
 */
class AwsExportFormatsTest {
  private static final String G = "/ecs/aiconnectors-prod-aiconnectors/sharepoint-main-svc/sharepoint";
  private static final ReadOptions OPTS = ReadOptions.defaults().withDefaultLogGroup(G);

  /** The three events of every sample, in event-time order. */
  private static final List<LogEvent> EVENTS =
      List.of(
          new LogEvent(
              G,
              ms("2026-03-02T10:05:00.123Z"),
              "INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 200 OK"),
          new LogEvent(
              G,
              ms("2026-03-02T10:05:01.000Z"),
              "INFO:     203.0.113.7:40112 - \"GET /.env HTTP/1.1\" 404 Not Found"),
          new LogEvent(
              G,
              ms("2026-03-02T10:05:02.500Z"),
              "ERROR:sharepoint_mcp.auth:OBO token exchange failed, \"invalid_grant\""));

  @TempDir Path dir;

  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    JsonStringEncoder.getInstance().quoteAsString(s, b);
    return b.append('"').toString();
  }

  private static List<LogEvent> reversed(List<LogEvent> events) {
    List<LogEvent> r = new ArrayList<>(events);
    java.util.Collections.reverse(r);
    return r;
  }

  private static List<LogEvent> sorted(List<LogEvent> events) {
    List<LogEvent> s = new ArrayList<>(events);
    s.sort(Comparator.comparingLong(LogEvent::timestampMillis));
    return s;
  }

  @Test
  void open_s3ExportObject_stripsTheExportTimePrefix() throws IOException {
    Result r = readFile(resource("s3-export-000000.gz"), OPTS);

    assertThat(r.stats().malformed()).isZero();
    assertThat(sorted(r.events())).isEqualTo(EVENTS);
    assertThat(r.events().get(0)).isEqualTo(EVENTS.get(1)); // the file is not sorted
  }

  @Test
  void open_s3ExportChosenForAnUncompressedCopy() throws IOException {
    String text = "2026-03-02T10:05:01.000Z GET /x 404\n \n2026-03-02T10:05:02.000Z a b c\n";

    Result auto = readString(text, OPTS);
    Result chosen = readString(text, OPTS.withFormat(InputFormat.fromCliName("s3-export")));

    // plain text keeps the whole line: an app may write ISO times itself
    assertThat(auto.events().get(0).message()).isEqualTo("2026-03-02T10:05:01.000Z GET /x 404");
    assertThat(chosen.events())
        .containsExactly(
            new LogEvent(G, ms("2026-03-02T10:05:01Z"), "GET /x 404"),
            new LogEvent(G, ms("2026-03-02T10:05:02Z"), "a b c"));
  }

  @Test
  void open_s3ExportLineWithoutPrefix_isAContinuationWithThePreviousTime() throws IOException {
    String text =
        "2026-03-02T10:05:01.000Z Traceback (most recent call last):\n"
            + "  File \"x.py\", line 1\n";

    Result r = readString(text, OPTS.withFormat(InputFormat.CLOUDWATCH_S3));

    assertThat(r.events())
        .extracting(LogEvent::timestampMillis)
        .containsExactly(ms("2026-03-02T10:05:01Z"), ms("2026-03-02T10:05:01Z"));
    assertThat(r.events().get(1).message()).isEqualTo("  File \"x.py\", line 1");
  }

  @Test
  void open_insightsConsoleCsv_newestFirstWithQuoting() throws IOException {
    Result r = readFile(resource("insights.csv"), OPTS);

    assertThat(r.stats().malformed()).isZero();
    assertThat(r.events()).isEqualTo(reversed(EVENTS));
    assertThat(r.stats().bytes()).isEqualTo(Files.size(resource("insights.csv")));
  }

  @Test
  void open_insightsCsv_multiLineMessageAndLogColumn() throws IOException {
    String csv =
        "\uFEFF@timestamp,@logStream,@log,@message\n"
            + "2026-03-02 10:05:02.000,ecs/x/1,123456789012:/ecs/other,\"Traceback:\n"
            + "  File \"\"a.py\"\", line 1\"\n"
            + "2026-03-02 10:05:01.000,ecs/x/1,,plain\n";

    Result r = readString(csv, OPTS);

    assertThat(r.events())
        .containsExactly(
            new LogEvent(
                "/ecs/other", ms("2026-03-02T10:05:02Z"), "Traceback:\n  File \"a.py\", line 1"),
            new LogEvent(G, ms("2026-03-02T10:05:01Z"), "plain"));
  }

  @Test
  void open_insightsCsv_badRowsAreCountedNotThrown() throws IOException {
    String csv =
        "@timestamp,@message\n"
            + "yesterday,no time\n"
            + "2026-03-02 10:05:01.000\n"
            + "2026-03-02 10:05:02.000,ok\n"
            + "2026-03-02 10:05:03.000,\"never closed\n";

    Result r = readString(csv, OPTS);

    // a quote left open by a truncated download runs to the end of the input
    assertThat(r.events())
        .containsExactly(
            new LogEvent(G, ms("2026-03-02T10:05:02Z"), "ok"),
            new LogEvent(G, ms("2026-03-02T10:05:03Z"), "never closed\n"));
    assertThat(r.stats().malformed()).isEqualTo(2);
    assertThat(r.stats().firstErrors())
        .first()
        .asString()
        .isEqualTo("in.log:2: expected a time like 2026-03-02 10:05:00.000 in @timestamp");
  }

  @Test
  void open_csvWithoutTheInsightsColumns_isAnErrorNamingThem() throws IOException {
    Result r = readString("time,msg\n1,a\n", OPTS.withFormat(InputFormat.INSIGHTS_CSV));

    assertThat(r.events()).isEmpty();
    assertThat(r.stats().firstErrors())
        .containsExactly(
            "in.log:1: expected a header with @timestamp and @message (a Logs Insights CSV"
                + " export), got: time,msg; reading stopped");
  }

  @Test
  void open_getQueryResultsJson() throws IOException {
    Result r = readFile(resource("get-query-results.json"), OPTS);

    assertThat(r.stats().malformed()).isZero();
    assertThat(r.events()).isEqualTo(reversed(EVENTS));
  }

  @Test
  void open_getQueryResults_logFieldNamesTheGroupAndBadRowsAreCounted() throws IOException {
    String json =
        "{\"status\":\"Complete\",\"results\":["
            + "[{\"field\":\"@log\",\"value\":\"123456789012:/ecs/a\"},"
            + "{\"field\":\"@timestamp\",\"value\":\"2026-03-02 10:05:01.000\"},"
            + "{\"field\":\"@message\",\"value\":\"m\"}],"
            + "[{\"field\":\"@message\",\"value\":\"no time\"}],"
            + "7]}";

    Result r = readString(json, OPTS);

    assertThat(r.events()).containsExactly(new LogEvent("/ecs/a", ms("2026-03-02T10:05:01Z"), "m"));
    assertThat(r.stats().malformed()).isEqualTo(2);
  }

  @Test
  void open_everyShapeOfTheSameEvents_givesTheSameEvents() throws IOException {
    List<List<LogEvent>> all = new ArrayList<>();
    for (String name :
        List.of("s3-export-000000.gz", "insights.csv", "get-query-results.json")) {
      all.add(sorted(readFile(resource(name), OPTS).events()));
    }
    StringBuilder jsonl = new StringBuilder();
    StringBuilder docker = new StringBuilder();
    StringBuilder cli = new StringBuilder("{\"events\":[");
    for (LogEvent e : EVENTS) {
      String m = quote(e.message());
      String t = Instant.ofEpochMilli(e.timestampMillis()).toString();
      jsonl.append("{\"timestamp\":").append(e.timestampMillis()).append(",\"message\":").append(m);
      jsonl.append("}\n");
      docker.append("{\"log\":").append(quote(e.message() + "\n"));
      docker.append(",\"stream\":\"stdout\",\"time\":\"").append(t).append("\"}\n");
      cli.append(e == EVENTS.get(0) ? "" : ",").append("{\"logStreamName\":\"s\",\"timestamp\":");
      cli.append(e.timestampMillis()).append(",\"message\":").append(m).append("}");
    }
    cli.append("]}");
    for (String s : List.of(jsonl.toString(), docker.toString(), cli.toString())) {
      all.add(sorted(readString(s, OPTS).events()));
    }

    assertThat(all).allSatisfy(events -> assertThat(events).isEqualTo(EVENTS));
  }

  @Test
  void fromCliName_knowsTheExportNames() {
    assertThat(InputFormat.fromCliName("s3-export")).isEqualTo(InputFormat.CLOUDWATCH_S3);
    assertThat(InputFormat.fromCliName("insights-csv")).isEqualTo(InputFormat.INSIGHTS_CSV);
    assertThat(InputFormat.fromCliName("insights-json")).isEqualTo(InputFormat.CLOUDWATCH_JSON);
    assertThatThrownBy(() -> InputFormat.fromCliName("xml"))
        .hasMessage(
            "format 'xml': expected one of auto, jsonl, cloudwatch, s3-export, insights-csv,"
                + " insights-json, docker, text");
  }

  @Test
  void open_gzipWithIsoLinesWrittenByTheAppItself_needsNoSpaceAfterZ() throws IOException {
    // an app's own gzip-rotated log whose first line has no space after the time is text
    Path f = dir.resolve("app.log.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write("2026-03-02T10:05:01+00:00 INFO x\n".getBytes(StandardCharsets.UTF_8));
    }

    Result r = readFile(f, OPTS);

    assertThat(r.events().get(0).message()).isEqualTo("2026-03-02T10:05:01+00:00 INFO x");
  }
}
