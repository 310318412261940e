package io.mcpwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.server.ingest.Admission;
import io.mcpwatch.server.ingest.EventSink;
import io.mcpwatch.server.ingest.IngestLimits;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpServerIngestTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** Records events; answers busy while {@code busy} is set. */
  static final class Sink implements EventSink {
    final List<LogEvent> events = new CopyOnWriteArrayList<>();
    volatile boolean busy;

    @Override
    public Admission offer(List<LogEvent> batch) {
      if (busy) {
        return Admission.busy(Duration.ofSeconds(3));
      }
      events.addAll(batch);
      return Admission.accepted();
    }
  }

  final Sink sink = new Sink();
  final Sink smallSink = new Sink();
  HttpServer server;
  HttpServer small;
  URI base;

  @BeforeAll
  void start() {
    server = HttpServer.builder(ServerSettings.defaults().withPort(0)).ingest(sink).start();
    base = server.baseUri();
    IngestLimits limits =
        new IngestLimits(64 * 1024, 32 * 1024, 100, 1024, Duration.ofDays(14), Duration.ofHours(2));
    small =
        HttpServer.builder(ServerSettings.defaults().withPort(0).withLimits(limits))
            .ingest(smallSink)
            .start();
  }

  @AfterAll
  void stop() {
    server.close();
    small.close();
  }

  @BeforeEach
  void reset() {
    sink.events.clear();
    sink.busy = false;
    smallSink.events.clear();
  }

  static JsonNode json(HttpResponse<String> r) {
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  @Test
  void start_bindsLoopbackOnFreePort() {
    assertThat(server.port()).isPositive();
    assertThat(base.getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void postLogs_ndjson() throws Exception {
    long ts = System.currentTimeMillis() - 1000;
    HttpResponse<String> r =
        TestHttp.post(
            base,
            "/v1/logs?logGroup=/mcp/a",
            "application/x-ndjson",
            "{\"message\":\"a\",\"timestamp\":"
                + ts
                + "}\n"
                + "{\"message\":\"b\",\"logGroup\":\"/mcp/b\"}\n");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("accepted").intValue()).isEqualTo(2);
    assertThat(sink.events.get(0)).isEqualTo(new LogEvent("/mcp/a", ts, "a"));
    assertThat(sink.events.get(1).logGroup()).isEqualTo("/mcp/b");
    assertThat(sink.events.get(1).timestampMillis())
        .isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis() + 1000);
  }

  @Test
  void postLogs_text() throws Exception {
    HttpResponse<String> r =
        TestHttp.post(
            base,
            "/v1/logs?logGroup=%2Fmcp%2Ftext",
            "text/plain; charset=utf-8",
            "line one\nline two\n");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(sink.events)
        .extracting(LogEvent::logGroup, LogEvent::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/mcp/text", "line one"),
            org.assertj.core.groups.Tuple.tuple("/mcp/text", "line two"));
    HttpResponse<String> missing = TestHttp.post(base, "/v1/logs", "text/plain", "x\n");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).get("field").stringValue()).isEqualTo("logGroup");
  }

  @Test
  void postLogs_putLogEventsShape() throws Exception {
    long now = System.currentTimeMillis();
    HttpResponse<String> r =
        TestHttp.post(
            base,
            "/v1/logs",
            "application/json",
            "{\"logGroupName\":\"/mcp/pl\",\"logStreamName\":\"s\",\"logEvents\":["
                + "{\"timestamp\":"
                + now
                + ",\"message\":\"hello\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("nextSequenceToken").stringValue()).isNotEmpty();
    assertThat(sink.events).containsExactly(new LogEvent("/mcp/pl", now, "hello"));
  }

  @Test
  void postRoot_xAmzTargetPutLogEvents() throws Exception {
    long now = System.currentTimeMillis();
    String big = "q".repeat(300 * 1024);
    HttpResponse<String> r =
        TestHttp.post(
            base,
            "/",
            "application/x-amz-json-1.1",
            "{\"logGroupName\":\"/mcp/aws\",\"logStreamName\":\"s\",\"logEvents\":["
                + "{\"timestamp\":"
                + now
                + ",\"message\":\""
                + big
                + "\"},"
                + "{\"timestamp\":"
                + now
                + ",\"message\":\"fits\"}]}",
            "X-Amz-Target",
            "Logs_20140328.PutLogEvents");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("rejectedLogEventsInfo").get("tooLongLogEventIndexes").get(0).intValue())
        .isZero();
    assertThat(sink.events).containsExactly(new LogEvent("/mcp/aws", now, "fits"));
    HttpResponse<String> create =
        TestHttp.post(
            base,
            "/",
            "application/x-amz-json-1.1",
            "{\"logGroupName\":\"/mcp/aws\",\"logStreamName\":\"s\"}",
            "X-Amz-Target",
            "Logs_20140328.CreateLogStream");
    assertThat(create.statusCode()).isEqualTo(200);
    HttpResponse<String> none = TestHttp.post(base, "/", "application/x-amz-json-1.1", "{}");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(json(none).get("__type").stringValue()).isEqualTo("UnknownOperationException");
  }

  @Test
  void postLogs_malformedLinesReportedValidOnesKept() throws Exception {
    HttpResponse<String> r =
        TestHttp.post(
            base,
            "/v1/logs?logGroup=/g",
            "application/x-ndjson",
            "{\"message\":\"ok\"}\n{broken\n{\"message\":\"ok2\"}\n");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("rejected").get(0).get("line").intValue()).isEqualTo(2);
    assertThat(sink.events).extracting(LogEvent::message).containsExactly("ok", "ok2");
    HttpResponse<String> all =
        TestHttp.post(base, "/v1/logs?logGroup=/g", "application/x-ndjson", "{broken\n");
    assertThat(all.statusCode()).isEqualTo(400);
    assertThat(all.body()).doesNotContain("\n");
    assertThat(json(all).get("line").intValue()).isEqualTo(1);
  }

  @Test
  void postLogs_invalidUtf8Replaced() throws Exception {
    byte[] body = {'o', 'k', (byte) 0xFE, (byte) 0xE2, (byte) 0x82, '\n'};
    HttpResponse<String> r = TestHttp.post(base, "/v1/logs?logGroup=/g", "text/plain", body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(sink.events.get(0).message()).startsWith("ok\uFFFD").doesNotContain("\n");
  }

  @Test
  void postLogs_gzipBody() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write("zipped\n".getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<String> r =
        TestHttp.post(
            base,
            "/v1/logs?logGroup=/g",
            "text/plain",
            out.toByteArray(),
            "Content-Encoding",
            "gzip");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(sink.events).extracting(LogEvent::message).containsExactly("zipped");
  }

  @Test
  void postLogs_tenThousandAndOneEventsIs413() throws Exception {
    HttpResponse<String> r =
        TestHttp.post(base, "/v1/logs?logGroup=/g", "text/plain", "e\n".repeat(10_001));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).get("__type").stringValue()).isEqualTo("TooManyEvents");
    assertThat(sink.events).isEmpty();
  }

  @Test
  void postLogs_300KibEventRejectedOthersAccepted() throws Exception {
    HttpResponse<String> r =
        TestHttp.post(
            base,
            "/v1/logs?logGroup=/g",
            "text/plain",
            "before\n" + "x".repeat(300 * 1024) + "\nafter\n");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("accepted").intValue()).isEqualTo(2);
    assertThat(body.get("rejected").get(0).get("reason").stringValue()).isEqualTo("tooLong");
    assertThat(sink.events).extracting(LogEvent::message).containsExactly("before", "after");
  }

  @Test
  void postLogs_declaredLengthOverLimitIs413WithoutReadingBody() throws Exception {
    URI smallBase = small.baseUri();
    String head =
        "POST /v1/logs?logGroup=/g HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 104857600\r\n\r\n";
    String answer = TestHttp.rawUnfinishedPost(smallBase, head, 4096, false);
    assertThat(answer)
        .startsWith("HTTP/1.1 413")
        .contains("RequestTooLarge")
        .containsIgnoringCase("connection: close");
    assertThat(smallSink.events).isEmpty();
  }

  @Test
  void postLogs_chunkedBodyOverLimitIs413BeforeItEnds() throws Exception {
    String head =
        "POST /v1/logs?logGroup=/g HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n";
    String answer = TestHttp.rawUnfinishedPost(small.baseUri(), head, 100 * 1024, true);
    assertThat(answer)
        .startsWith("HTTP/1.1 413")
        .contains("RequestTooLarge")
        .containsIgnoringCase("connection: close");
  }

  @Test
  void postLogs_truncatedBodyIs400AndNothingAccepted() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("POST /v1/logs?logGroup=/g HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Content-Type: text/plain\r\nContent-Length: 1000\r\n\r\nonly a little\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.shutdownOutput();
      String answer =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer)
          .satisfiesAnyOf(
              a -> assertThat(a).startsWith("HTTP/1.1 400"), a -> assertThat(a).isEmpty());
    }
    assertThat(sink.events).isEmpty();
  }

  @Test
  void postLogs_smallLimitsApplyToEventsAndEventSize() throws Exception {
    HttpResponse<String> tooMany =
        TestHttp.post(small.baseUri(), "/v1/logs?logGroup=/g", "text/plain", "e\n".repeat(101));
    assertThat(tooMany.statusCode()).isEqualTo(413);
    HttpResponse<String> mixed =
        TestHttp.post(
            small.baseUri(),
            "/v1/logs?logGroup=/g",
            "text/plain",
            "ok\n" + "x".repeat(2000) + "\n");
    assertThat(mixed.statusCode()).isEqualTo(200);
    assertThat(smallSink.events).extracting(LogEvent::message).containsExactly("ok");
  }

  @Test
  void postLogs_busySinkIs503WithRetryAfter() throws Exception {
    sink.busy = true;
    HttpResponse<String> r = TestHttp.post(base, "/v1/logs?logGroup=/g", "text/plain", "x\n");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(json(r).get("__type").stringValue()).isEqualTo("ServiceUnavailableException");
  }

  @Test
  void postLogs_unsupportedContentTypeIs415() throws Exception {
    HttpResponse<String> r =
        TestHttp.post(base, "/v1/logs?logGroup=/g", "application/x-www-form-urlencoded", "a=b");
    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void healthz_countsIngest() throws Exception {
    TestHttp.post(base, "/v1/logs?logGroup=/g", "text/plain", "x\n");
    HttpResponse<String> r = TestHttp.get(base, "/healthz");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("status").stringValue()).isEqualTo("ok");
    assertThat(body.get("uptimeSeconds").longValue()).isNotNegative();
    assertThat(body.get("counters").get("ingestEventsAccepted").longValue()).isPositive();
  }

  /**
   * A small body whose bytes come in two parts with a pause between them (a client or proxy that
   * writes in pieces) is a whole, valid request once its last byte is in: it is not a slowloris
   * trickle. Jetty's own minimum data rate measured from the first body byte to each read and
   * answered it 408 after it was complete, as it did any small body that the server read more than
   * a second after it arrived (a busy server: a cold start, a collection).
   */
  @Test
  void postLogs_smallBodyInTwoPartsWithAPause_isAccepted() throws Exception {
    sink.events.clear();
    try (java.net.Socket sock = new java.net.Socket(base.getHost(), base.getPort())) {
      sock.setSoTimeout(30_000);
      java.io.OutputStream out = sock.getOutputStream();
      out.write(("POST /v1/logs?logGroup=/late HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: text/plain\r\nContent-Length: 7\r\nConnection: close\r\n\r\na ")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(1_500); // longer than Jetty's one-second grace
      out.write("line\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(
          sock.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      assertThat(status).startsWith("HTTP/1.1 200");
    }
    assertThat(sink.events).extracting(LogEvent::message).containsExactly("a line");
  }
}
