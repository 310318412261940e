package io.mcpwatch.source.read;

import static io.mcpwatch.source.read.DecoderHarness.GROUP;
import static io.mcpwatch.source.read.DecoderHarness.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.source.read.LineDecoder.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TextDecoderTest {

  private static LineDecoder text(String timestampFormat) {
    return LineDecoder.forFormat(
        InputFormat.TEXT, ReadOptions.defaults().withTimestampFormat(timestampFormat));
  }

  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void decode_pythonLinesAndTracebackContinuations() {
    LineDecoder d = text("python");
    assertThat(decode(d, "INFO:     Started server process [1]")).isNull();
    assertThat(d.lastOutcome()).isEqualTo(Outcome.SKIPPED);
    String error = "2026-03-02 10:05:02,001 ERROR uvicorn.error: Exception in ASGI application";
    assertThat(decode(d, error))
        .isEqualTo(new LogEvent(GROUP, ms("2026-03-02T10:05:02.001Z"), error));
    assertThat(decode(d, "Traceback (most recent call last):").timestampMillis())
        .isEqualTo(ms("2026-03-02T10:05:02.001Z"));
    assertThat(decode(d, "  File \"/app/x.py\", line 1, in f\r").message())
        .isEqualTo("  File \"/app/x.py\", line 1, in f");
    assertThat(
            decode(d, "INFO:     10.0.1.24:40000 - \"POST /mcp HTTP/1.1\" 500 Internal")
                .timestampMillis())
        .isEqualTo(ms("2026-03-02T10:05:02.001Z"));
    assertThat(decode(d, "   ")).isNull();
    assertThat(d.lastOutcome()).isEqualTo(Outcome.SKIPPED);
  }

  @Test
  void decode_isoWithOffsetAndBracket() {
    LineDecoder d = text(null);
    assertThat(decode(d, "2026-03-02T10:05:00.250+01:00 WARNING x").timestampMillis())
        .isEqualTo(ms("2026-03-02T09:05:00.250Z"));
    assertThat(decode(d, "[2026-03-02 10:05:00 +0000] [1] [INFO] Booting worker").timestampMillis())
        .isEqualTo(ms("2026-03-02T10:05:00Z"));
  }

  @Test
  void decode_epochFormats() {
    assertThat(decode(text("epoch-ms"), "1772445900123 INFO x").timestampMillis())
        .isEqualTo(1772445900123L);
    assertThat(decode(text("epoch-s"), "1772445900.25 INFO x").timestampMillis())
        .isEqualTo(1772445900250L);
    assertThat(decode(text("epoch-s"), "[1772445900] INFO x").timestampMillis())
        .isEqualTo(1772445900000L);
  }

  @Test
  void decode_javaTimePatterns() {
    LineDecoder nginx = text("dd/MMM/yyyy:HH:mm:ss Z");
    String line = "203.0.113.7 - - [02/Mar/2026:11:05:00 +0100] \"GET /.env HTTP/1.1\" 404 153";
    assertThat(decode(nginx, line).timestampMillis()).isEqualTo(ms("2026-03-02T10:05:00Z"));
    LineDecoder local = text("yyyy/MM/dd HH:mm:ss.SSS");
    assertThat(decode(local, "2026/03/02 10:05:00.123 ERROR x").timestampMillis())
        .isEqualTo(ms("2026-03-02T10:05:00.123Z"));
    assertThat(decode(local, "not a time").timestampMillis())
        .isEqualTo(ms("2026-03-02T10:05:00.123Z"));
  }

  @Test
  void decode_noneUsesTheFallbackTime() {
    LineDecoder d = text("none");
    byte[] line =
        "INFO:     10.0.1.23:51234 - \"GET / HTTP/1.1\" 200 OK".getBytes(StandardCharsets.UTF_8);
    assertThat(decode(d, line, 1234).timestampMillis()).isEqualTo(1234);
    assertThat(decode(d, line, LineDecoder.NO_FALLBACK)).isNull();
    assertThat(d.lastOutcome()).isEqualTo(Outcome.SKIPPED);
  }

  @Test
  void decode_invalidUtf8AndNulBytesNeverThrow() {
    byte[] line = {'2', '0', (byte) 0xFF, 0, 'x', (byte) 0xE2, (byte) 0x82};
    assertThat(decode(text(null), line, 5).message()).isEqualTo("20\uFFFD\u0000x\uFFFD");
  }

  @Test
  void decode_oversizedLine() {
    LineDecoder d =
        LineDecoder.forFormat(InputFormat.TEXT, ReadOptions.defaults().withMaxEventBytes(4));
    assertThat(decode(d, "12345".getBytes(StandardCharsets.UTF_8), 1)).isNull();
    assertThat(d.lastOutcome()).isEqualTo(Outcome.OVERSIZED);
    assertThat(decode(d, "1234".getBytes(StandardCharsets.UTF_8), 1).message()).isEqualTo("1234");
  }

  @Test
  void readOptions_rejectsUnusableTimestampFormats() {
    assertThatThrownBy(() -> ReadOptions.defaults().withTimestampFormat("yyyy-MM-dd'T"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timestampFormat 'yyyy-MM-dd'T'")
        .hasMessageContaining("epoch-ms");
    assertThatThrownBy(() -> ReadOptions.defaults().withTimestampFormat("MMM dd HH:mm:ss"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a date (with the year) and a time of day");
    assertThatThrownBy(() -> ReadOptions.defaults().withMaxEventBytes(0))
        .hasMessageContaining("maxEventBytes");
  }
}
