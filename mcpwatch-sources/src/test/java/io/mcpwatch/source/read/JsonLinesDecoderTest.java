package io.mcpwatch.source.read;

import static io.mcpwatch.source.read.DecoderHarness.GROUP;
import static io.mcpwatch.source.read.DecoderHarness.decode;
import static io.mcpwatch.source.read.DecoderHarness.jsonLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.source.read.LineDecoder.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JsonLinesDecoderTest {
  private final LineDecoder d = jsonLines();

  @Test
  void decode_plainLine() {
    LogEvent e =
        decode(
            d,
            "{\"timestamp\": 1772445900123, \"message\": \"INFO: started\", \"logGroup\":"
                + " \"/ecs/g\"}");
    assertThat(e).isEqualTo(new LogEvent("/ecs/g", 1772445900123L, "INFO: started"));
    assertThat(d.lastOutcome()).isEqualTo(Outcome.EVENT);
  }

  @Test
  void decode_keysInAnyOrderAndExtraKeysIgnored() {
    LogEvent e =
        decode(
            d,
            " { \"logStream\" : \"s/1\" , \"extra\": {\"a\": [\"}\", {\"b\": \"]\\\"\"}], \"n\":"
                + " -1.5e3}, \"ok\": true, \"nil\": null, \"num\": 12, \"message\":\"m\","
                + " \"logGroup\":\"/g\", \"timestamp\":5 }\r");
    assertThat(e).isEqualTo(new LogEvent("/g", 5, "m"));
  }

  @Test
  void decode_withoutLogGroupUsesTheCallersGroup() {
    assertThat(decode(d, "{\"timestamp\":1,\"message\":\"m\"}").logGroup()).isEqualTo(GROUP);
    assertThat(decode(d, "{\"timestamp\":1,\"message\":\"m\",\"logGroup\":\"\"}").logGroup())
        .isEqualTo(GROUP);
    assertThat(decode(d, "{\"timestamp\":1,\"message\":\"m\",\"logGroupName\":\"/n\"}").logGroup())
        .isEqualTo("/n");
  }

  @Test
  void decode_unescapesEscapes() {
    LogEvent e =
        decode(
            d,
            "{\"timestamp\":1,\"message\":\"a\\\"b\\\\c\\/d\\n"
                + "e\\tf\\r"
                + "g\\bh\\fi\\u0041\\u00e9\\u4e1c\\ud83d\\ude00\"}");
    assertThat(e.message()).isEqualTo("a\"b\\c/d\ne\tf\rg\bh\fiAé东😀");
  }

  @Test
  void decode_rawUtf8KeptAndInvalidUtf8Replaced() {
    byte[] prefix = "{\"timestamp\":1,\"message\":\"é东😀 ".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xE2, (byte) 0x82};
    byte[] suffix = "\\n\"}".getBytes(StandardCharsets.UTF_8);
    byte[] line = concat(prefix, bad, suffix);
    LogEvent e = decode(d, line, LineDecoder.NO_FALLBACK);
    assertThat(e.message()).startsWith("é东😀 ").endsWith("\n").contains("\uFFFD");
    // same without escapes (the no-copy path)
    LogEvent plain = decode(d, concat(prefix, bad, "\"}".getBytes(StandardCharsets.UTF_8)), -1);
    assertThat(plain.message()).isEqualTo(e.message().substring(0, e.message().length() - 1));
  }

  @Test
  void decode_loneSurrogateEscapeBecomesReplacementChar() {
    assertThat(decode(d, "{\"timestamp\":1,\"message\":\"a\\ud800b\\udc00c\\ud83d\"}").message())
        .isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
  }

  @Test
  void decode_nulAndControlBytesInsideStringsAreKept() {
    byte[] line =
        "{\"timestamp\":1,\"message\":\"a\u0000b\u0001c\tz\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(decode(d, line, LineDecoder.NO_FALLBACK).message()).isEqualTo("a\u0000b\u0001c\tz");
    // and through the slow path (an escaped key sends the line to Jackson)
    byte[] slow =
        "{\"timestamp\":1,\"mess\\u0061ge\":\"a\u0000b\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(decode(d, slow, LineDecoder.NO_FALLBACK).message()).isEqualTo("a\u0000b");
  }

  @Test
  void decode_slowPathAcceptsFractionalAndIsoTimestampsAndStructuredMessages() {
    assertThat(decode(d, "{\"timestamp\":1772445900123.9,\"message\":\"m\"}").timestampMillis())
        .isEqualTo(1772445900123L);
    assertThat(decode(d, "{\"timestamp\":1.7724459E12,\"message\":\"m\"}").timestampMillis())
        .isEqualTo(1772445900000L);
    assertThat(
            decode(d, "{\"timestamp\":\"2026-03-02T10:05:00.123Z\",\"message\":\"m\"}")
                .timestampMillis())
        .isEqualTo(1772445900123L);
    assertThat(decode(d, "{\"timestamp\":\"1772445900123\",\"message\":\"m\"}").timestampMillis())
        .isEqualTo(1772445900123L);
    assertThat(
            decode(d, "{\"timestamp\":1,\"message\":{\"level\":\"ERROR\",\"n\":[1,2]}}").message())
        .isEqualTo("{\"level\":\"ERROR\",\"n\":[1,2]}");
    assertThat(decode(d, "{\"timestamp\":1,\"message\":42}").message()).isEqualTo("42");
  }

  @Test
  void fastTimestamp_acceptsDecimalsAndStringsLikeTheSlowPath() {
    String[] numbers = {"1772445900123", "1772445900123.999", "-1.5", "-0.25", "-3.0", "0.5", "7."};
    for (String n : numbers) {
      byte[] b = n.getBytes(StandardCharsets.US_ASCII);
      long expected =
          JsonLinesDecoder.timestampOf(tools.jackson.core.JsonToken.VALUE_NUMBER_FLOAT, n);
      long fast = JsonLinesDecoder.fastTimestamp(b, 0, b.length, false);
      assertThat(fast == Timestamps.NONE || fast == expected).as(n).isTrue();
    }
    byte[] iso = "2026-03-02T10:05:00.123Z".getBytes(StandardCharsets.US_ASCII);
    assertThat(JsonLinesDecoder.fastTimestamp(iso, 0, iso.length, true)).isEqualTo(1772445900123L);
    assertThat(JsonLinesDecoder.fastTimestamp(iso, 0, iso.length, false))
        .isEqualTo(Timestamps.NONE);
    assertThat(decode(d, "{\"timestamp\":-1.5,\"message\":\"m\"}").timestampMillis()).isEqualTo(-2);
    assertThat(decode(d, "{\"timestamp\":7.,\"message\":\"m\"}")).isNull();
  }

  @Test
  void decode_missingTimestampUsesFallbackOrIsMalformed() {
    byte[] line = "{\"message\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(decode(d, line, 777)).isEqualTo(new LogEvent(GROUP, 777, "m"));
    assertThat(decode(d, line, LineDecoder.NO_FALLBACK)).isNull();
    assertThat(d.lastOutcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(d.lastProblem()).contains("\"timestamp\"");
  }

  @Test
  void decode_malformedLinesSayWhatWasExpected() {
    assertMalformed("{\"timestamp\":1}", "expected a \"message\" key");
    assertMalformed("{\"timestamp\":1,\"message\":null}", "\"message\" to be a string");
    assertMalformed("{\"timestamp\":true,\"message\":\"m\"}", "\"timestamp\" to be epoch");
    assertMalformed("{\"timestamp\":\"yesterday\",\"message\":\"m\"}", "got yesterday");
    assertMalformed("{\"timestamp\":1,\"message\":\"m\"", "invalid JSON");
    assertMalformed("{\"timestamp\":1,\"message\":\"m\"} trailing", "invalid JSON");
    assertMalformed("{\"timestamp\":1,\"message\":\"bad \\x escape\"}", "invalid JSON");
    assertMalformed("{\"timestamp\":1,\"message\":\"unterminated}", "invalid JSON");
    assertMalformed("[1,2,3]", "expected a JSON object");
    assertMalformed("INFO: not json", "invalid JSON");
    assertMalformed("{\"timestamp\":1,\u0000\"message\":\"m\"}", "invalid JSON");
  }

  private void assertMalformed(String line, String expected) {
    assertThat(decode(d, line)).as(line).isNull();
    assertThat(d.lastOutcome()).as(line).isEqualTo(Outcome.MALFORMED);
    assertThat(d.lastProblem()).as(line).contains(expected);
  }

  @Test
  void decode_blankLinesAreSkipped() {
    assertThat(decode(d, "")).isNull();
    assertThat(d.lastOutcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(decode(d, " \t\r")).isNull();
    assertThat(d.lastOutcome()).isEqualTo(Outcome.SKIPPED);
  }

  @Test
  void decode_oversizedLineOrMessage() {
    LineDecoder small =
        LineDecoder.forFormat(InputFormat.JSON_LINES, ReadOptions.defaults().withMaxEventBytes(10));
    assertThat(decode(small, "{\"timestamp\":1,\"message\":\"0123456789\"}").message())
        .isEqualTo("0123456789");
    assertThat(decode(small, "{\"timestamp\":1,\"message\":\"0123456789a\"}")).isNull();
    assertThat(small.lastOutcome()).isEqualTo(Outcome.OVERSIZED);
    // the limit is on the decoded message: ten escaped quotes are ten bytes
    assertThat(decode(small, "{\"timestamp\":1,\"message\":\"" + "\\\"".repeat(10) + "\"}"))
        .isNotNull();
    assertThat(decode(small, "{\"timestamp\":1,\"message\":\"" + "\\\"".repeat(11) + "\"}"))
        .isNull();
    assertThat(small.lastOutcome()).isEqualTo(Outcome.OVERSIZED);
    assertThat(decode(small, "{\"timestamp\":1,\"message\":\"" + "x".repeat(5000) + "\"}"))
        .isNull();
    assertThat(small.lastOutcome()).isEqualTo(Outcome.OVERSIZED);
    assertThat(small.maxLineBytes()).isEqualTo(10 + ReadOptions.ENVELOPE_SLACK_BYTES);
  }

  @Test
  void decode_tenMegabyteMessageWithinALargeLimit() {
    LineDecoder big =
        LineDecoder.forFormat(
            InputFormat.JSON_LINES, ReadOptions.defaults().withMaxEventBytes(16 << 20));
    String msg = "ab\\\"".repeat(10 << 18); // 10 MiB of line, escapes throughout
    LogEvent e = decode(big, "{\"timestamp\":1,\"message\":\"" + msg + "\"}");
    assertThat(e.message()).hasSize(3 * (10 << 18)).startsWith("ab\"ab\"");
  }

  @Test
  void decode_deepNestingIsLinearAndNeverOverflowsTheStack() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThat(decode(d, "{\"timestamp\":1,\"message\":\"m\",\"x\":" + deep + "}"))
        .isEqualTo(new LogEvent(GROUP, 1, "m"));
    assertThat(decode(d, "{\"timestamp\":1,\"message\":\"m\",\"x\":" + "[{\"a\":".repeat(30_000)))
        .isNull();
    assertThat(d.lastOutcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(decode(d, "{\"timestamp\":1,\"message\":\"" + "\\u12".repeat(40_000) + "\"}"))
        .isNull();
    assertThat(d.lastProblem()).startsWith("invalid JSON");
  }

  @Test
  void decode_neverThrowsOnRandomBytes() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(42);
    byte[] alphabet = "{}[]\":,\\ \r\tu0aA-1.eE\u0000tfn".getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 20_000; i++) {
      byte[] line = new byte[r.nextInt(60)];
      for (int k = 0; k < line.length; k++) {
        line[k] = r.nextInt(8) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
      }
      LogEvent e = decode(d, line, r.nextBoolean() ? LineDecoder.NO_FALLBACK : 5);
      assertThat(e == null).isEqualTo(d.lastOutcome() != Outcome.EVENT);
      if (d.lastOutcome() == Outcome.MALFORMED) {
        assertThat(d.lastProblem()).isNotBlank();
      }
    }
  }

  @Test
  void decode_neverThrowsOnMutatedValidLines() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    byte[] valid =
        ("{\"timestamp\":1772445900123,\"message\":\"INFO:     10.0.1.23:51234 - \\\"POST /mcp"
             + " HTTP/1.1\\\" 200 OK \\u00e9\\ud83d\\ude00\",\"logGroup\":\"/ecs/g\",\"x\":[{}]}")
            .getBytes(StandardCharsets.UTF_8);
    int events = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] line = Arrays.copyOf(valid, valid.length);
      for (int m = r.nextInt(1, 4); m > 0; m--) {
        line[r.nextInt(line.length)] = (byte) "{}\"\\:,u0 x\u00ff".charAt(r.nextInt(11));
      }
      int len = r.nextInt(4) == 0 ? r.nextInt(line.length) : line.length;
      LogEvent e = decode(d, Arrays.copyOf(line, len), LineDecoder.NO_FALLBACK);
      if (e != null) {
        events++;
      }
    }
    assertThat(events).isPositive(); // some mutations keep the line valid
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
