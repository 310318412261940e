package io.mcpwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.server.web.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class IngestHandlerTest {
  static final long NOW = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();
  static final String NDJSON = "application/x-ndjson";

  final RecordingSink sink = new RecordingSink();
  final IngestHandler handler =
      new IngestHandler(
          IngestLimits.defaults(), sink, InstantSource.fixed(Instant.ofEpochMilli(NOW)));

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, List<String>> group(String g) {
    return Map.of("logGroup", List.of(g));
  }

  static JsonNode json(Answer a) {
    assertThat(a.contentType()).isEqualTo(Answer.JSON);
    assertThat(a.body()).doesNotContain("\n");
    return Json.MAPPER.readTree(a.body());
  }

  @Test
  void postLogs_ndjsonAcceptsAllFields() {
    Answer a =
        handler.postLogs(
            NDJSON,
            Map.of(),
            utf8(
                "{\"timestamp\":1714564800000,\"message\":\"one\",\"logGroup\":\"/mcp/a\"}\n"
                    + "{\"timestamp\":\"2024-05-01T11:59:00Z\",\"message\":\"two\",\"logGroup\":\"/mcp/a\",\"logStream\":\"s\"}\r\n"
                    + "{\"timestamp\":\"1714564700000\",\"message\":\"three\",\"logGroup\":\"/mcp/b\"}\n"));
    assertThat(a.status()).isEqualTo(200);
    assertThat(json(a).get("accepted").intValue()).isEqualTo(3);
    assertThat(json(a).get("rejectedCount").intValue()).isZero();
    assertThat(sink.events)
        .containsExactly(
            new LogEvent("/mcp/a", 1714564800000L, "one"),
            new LogEvent("/mcp/a", NOW - 60_000, "two"),
            new LogEvent("/mcp/b", 1714564700000L, "three"));
  }

  @Test
  void postLogs_ndjsonDefaultsTimestampAndGroupFromParameter() {
    Answer a =
        handler.postLogs(
            NDJSON,
            group("/g"),
            utf8("{\"message\":\"m\"}\n{\"message\":\"n\",\"logGroup\":\"/other\"}"));
    assertThat(a.status()).isEqualTo(200);
    assertThat(sink.events)
        .containsExactly(new LogEvent("/g", NOW, "m"), new LogEvent("/other", NOW, "n"));
  }

  @Test
  void postLogs_malformedLineRejectedOthersAccepted() {
    Answer a =
        handler.postLogs(
            NDJSON,
            group("/g"),
            utf8(
                "{\"message\":\"ok1\"}\n"
                    + "{not json\n"
                    + "\n"
                    + "{\"message\":\"ok2\",\"timestamp\":12.5}\n"
                    + "[1,2]\n"
                    + "{\"message\":42}\n"
                    + "{\"message\":\"ok3\"}\n"));
    assertThat(a.status()).isEqualTo(200);
    JsonNode body = json(a);
    assertThat(body.get("accepted").intValue()).isEqualTo(2);
    assertThat(body.get("rejectedCount").intValue()).isEqualTo(4);
    assertThat(body.get("rejected").valueStream().map(r -> r.get("line").intValue()))
        .containsExactly(2, 4, 5, 6);
    assertThat(body.get("rejected").get(1).get("field").stringValue()).isEqualTo("timestamp");
    assertThat(body.get("rejected").get(3).get("field").stringValue()).isEqualTo("message");
    assertThat(sink.events).extracting(LogEvent::message).containsExactly("ok1", "ok3");
  }

  @Test
  void postLogs_everyLineRejectedIs400NamingFirstLine() {
    Answer a =
        handler.postLogs(
            NDJSON,
            Map.of(),
            utf8(
                "\n{\"message\":\"no group\"}\n{\"message\":\"x\",\"logGroup\":\"bad group!\"}\n"));
    assertThat(a.status()).isEqualTo(400);
    JsonNode body = json(a);
    assertThat(body.get("__type").stringValue()).isEqualTo("InvalidParameterException");
    assertThat(body.get("line").intValue()).isEqualTo(2);
    assertThat(body.get("field").stringValue()).isEqualTo("logGroup");
    assertThat(body.get("message").stringValue()).startsWith("line 2: logGroup");
    assertThat(body.get("rejectedCount").intValue()).isEqualTo(2);
    assertThat(sink.offers).isZero();
  }

  @Test
  void postLogs_textNeedsLogGroupParameter() {
    Answer a = handler.postLogs("text/plain", Map.of(), utf8("hello\n"));
    assertThat(a.status()).isEqualTo(400);
    assertThat(json(a).get("field").stringValue()).isEqualTo("logGroup");
    Answer bad = handler.postLogs("text/plain", group("no spaces"), utf8("hello\n"));
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  void postLogs_textLinesAreEventsAtReceiveTime() {
    Answer a =
        handler.postLogs(
            "text/plain; charset=utf-8",
            group("/mcp/text"),
            utf8("first line\r\n\n  second {\"json\": true}\nlast without newline"));
    assertThat(a.status()).isEqualTo(200);
    assertThat(sink.events)
        .containsExactly(
            new LogEvent("/mcp/text", NOW, "first line"),
            new LogEvent("/mcp/text", NOW, "  second {\"json\": true}"),
            new LogEvent("/mcp/text", NOW, "last without newline"));
  }

  @Test
  void postLogs_textHonoursCharsetParameter() {
    byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(handler.postLogs("text/plain; charset=ISO-8859-1", group("/g"), latin1).status())
        .isEqualTo(200);
    assertThat(sink.events.get(0).message()).isEqualTo("caf\u00e9");
    assertThat(handler.postLogs("text/plain; charset=x-no-such", group("/g"), latin1).status())
        .isEqualTo(415);
  }

  @Test
  void postLogs_invalidUtf8IsReplacedNotFatal() {
    byte[] body = {
      '{',
      '"',
      'm',
      'e',
      's',
      's',
      'a',
      'g',
      'e',
      '"',
      ':',
      '"',
      'a',
      (byte) 0xC3,
      (byte) 0x28,
      'b',
      (byte) 0xFF,
      '"',
      '}',
      '\n'
    };
    Answer a = handler.postLogs(NDJSON, group("/g"), body);
    assertThat(a.status()).isEqualTo(200);
    assertThat(sink.events.get(0).message()).isEqualTo("a\uFFFD(b\uFFFD");
    Answer t = handler.postLogs("text/plain", group("/g"), new byte[] {'x', (byte) 0x80, 'y'});
    assertThat(t.status()).isEqualTo(200);
    assertThat(sink.events.get(1).message()).isEqualTo("x\uFFFDy");
  }

  @Test
  void postLogs_byteOrderMarkDropped() {
    Answer a = handler.postLogs(NDJSON, group("/g"), utf8("\uFEFF{\"message\":\"m\"}"));
    assertThat(a.status()).isEqualTo(200);
    assertThat(sink.events).containsExactly(new LogEvent("/g", NOW, "m"));
  }

  @Test
  void postLogs_unsupportedOrMissingContentTypeIs415() {
    Answer none = handler.postLogs(null, group("/g"), utf8("x"));
    Answer form = handler.postLogs("application/x-www-form-urlencoded", group("/g"), utf8("x"));
    assertThat(none.status()).isEqualTo(415);
    assertThat(form.status()).isEqualTo(415);
    assertThat(json(form).get("message").stringValue()).contains("application/x-ndjson");
  }

  @Test
  void postLogs_emptyBodyIs400() {
    assertThat(handler.postLogs(NDJSON, group("/g"), new byte[0]).status()).isEqualTo(400);
    assertThat(handler.postLogs("text/plain", group("/g"), utf8("\n\n")).status()).isEqualTo(400);
  }

  @Test
  void postLogs_tenThousandAndOneEventsIs413() {
    String ok = "e\n".repeat(10_000);
    assertThat(handler.postLogs("text/plain", group("/g"), utf8(ok)).status()).isEqualTo(200);
    assertThat(sink.events).hasSize(10_000);
    Answer a = handler.postLogs("text/plain", group("/g"), utf8(ok + "e\n"));
    assertThat(a.status()).isEqualTo(413);
    assertThat(json(a).get("__type").stringValue()).isEqualTo("TooManyEvents");
    assertThat(sink.events).hasSize(10_000);
  }

  @Test
  void postLogs_oversizedEventRejectedAloneOthersAccepted() {
    String big = "x".repeat(300 * 1024);
    Answer a = handler.postLogs("text/plain", group("/g"), utf8("small\n" + big + "\nafter\n"));
    assertThat(a.status()).isEqualTo(200);
    JsonNode body = json(a);
    assertThat(body.get("accepted").intValue()).isEqualTo(2);
    assertThat(body.get("rejected").get(0).get("line").intValue()).isEqualTo(2);
    assertThat(body.get("rejected").get(0).get("reason").stringValue()).isEqualTo("tooLong");
    assertThat(sink.events).extracting(LogEvent::message).containsExactly("small", "after");
  }

  @Test
  void postLogs_eventSizeLimitCountsOverheadAndUtf8Bytes() {
    int room = 262_144 - IngestLimits.EVENT_OVERHEAD_BYTES;
    String exact = "\u00e9".repeat(room / 2);
    String over = exact + "a".repeat(room % 2 + 1);
    Answer a = handler.postLogs("text/plain", group("/g"), utf8(exact + "\n" + over));
    assertThat(json(a).get("accepted").intValue()).isEqualTo(1);
    assertThat(json(a).get("rejected").get(0).get("line").intValue()).isEqualTo(2);
  }

  @Test
  void postLogs_batchOverOneMebibyteIs413() {
    // 5 events of 200,000 bytes + 26 fit (1,000,130); the sixth passes 1,048,576.
    String line = "y".repeat(200_000) + "\n";
    assertThat(handler.postLogs("text/plain", group("/g"), utf8(line.repeat(5))).status())
        .isEqualTo(200);
    Answer a = handler.postLogs("text/plain", group("/g"), utf8(line.repeat(6)));
    assertThat(a.status()).isEqualTo(413);
    assertThat(json(a).get("__type").stringValue()).isEqualTo("BatchTooLarge");
  }

  @Test
  void postLogs_tooOldAndTooNewRejected() {
    long old = NOW - Duration.ofDays(15).toMillis();
    long future = NOW + Duration.ofHours(3).toMillis();
    Answer a =
        handler.postLogs(
            NDJSON,
            group("/g"),
            utf8(
                "{\"message\":\"old\",\"timestamp\":"
                    + old
                    + "}\n"
                    + "{\"message\":\"ok\",\"timestamp\":"
                    + (NOW - 1000)
                    + "}\n"
                    + "{\"message\":\"new\",\"timestamp\":"
                    + future
                    + "}\n"));
    JsonNode body = json(a);
    assertThat(body.get("rejected").get(0).get("reason").stringValue()).isEqualTo("tooOld");
    assertThat(body.get("rejected").get(1).get("reason").stringValue()).isEqualTo("tooNew");
    assertThat(sink.events).extracting(LogEvent::message).containsExactly("ok");
  }

  @Test
  void postLogs_sinkFullIs503WithRetryAfter() {
    sink.busy = true;
    Answer a = handler.postLogs(NDJSON, group("/g"), utf8("{\"message\":\"m\"}"));
    assertThat(a.status()).isEqualTo(503);
    assertThat(a.headers()).containsEntry("Retry-After", "2");
    assertThat(json(a).get("__type").stringValue()).isEqualTo("ServiceUnavailableException");
    assertThat(handler.stats().snapshot()).containsEntry("ingestRequestsThrottled", 1L);
  }

  @Test
  void postLogs_sinkFailureIs500() {
    IngestHandler failing =
        new IngestHandler(
            IngestLimits.defaults(),
            events -> {
              throw new IllegalStateException("boom");
            },
            InstantSource.fixed(Instant.ofEpochMilli(NOW)));
    Answer a = failing.postLogs(NDJSON, group("/g"), utf8("{\"message\":\"m\"}"));
    assertThat(a.status()).isEqualTo(500);
    assertThat(a.body()).doesNotContain("boom");
  }

  @Test
  void stats_countAcceptedAndRejected() {
    handler.postLogs(NDJSON, group("/g"), utf8("{\"message\":\"a\"}\nnope\n"));
    handler.postLogs(null, group("/g"), utf8("x"));
    assertThat(handler.stats().snapshot())
        .containsEntry("ingestRequests", 2L)
        .containsEntry("ingestRequestsRefused", 1L)
        .containsEntry("ingestEventsAccepted", 1L)
        .containsEntry("ingestEventsRejected", 1L);
  }
}
