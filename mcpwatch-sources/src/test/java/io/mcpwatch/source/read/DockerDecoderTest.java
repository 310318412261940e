package io.mcpwatch.source.read;

import static io.mcpwatch.source.read.DecoderHarness.GROUP;
import static io.mcpwatch.source.read.DecoderHarness.decode;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.source.read.LineDecoder.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DockerDecoderTest {
  private static final String T = "2026-03-02T10:05:00.123456789Z";
  private static final long MS = Instant.parse("2026-03-02T10:05:00.123Z").toEpochMilli();
  private final LineDecoder d = LineDecoder.forFormat(InputFormat.DOCKER, ReadOptions.defaults());

  private static String rec(String log, String stream, String time) {
    return "{\"log\":\"" + log + "\",\"stream\":\"" + stream + "\",\"time\":\"" + time + "\"}";
  }

  @Test
  void decode_uvicornAccessLine() {
    LogEvent e =
        decode(d, rec("INFO:     10.0.1.23:51234 - \\\"GET / HTTP/1.1\\\" 200 OK\\n", "stdout", T));
    assertThat(e)
        .isEqualTo(
            new LogEvent(GROUP, MS, "INFO:     10.0.1.23:51234 - \"GET / HTTP/1.1\" 200 OK"));
  }

  @Test
  void decode_stripsCrLfAndConvertsOffsets() {
    assertThat(decode(d, rec("x\\r\\n", "stdout", "2026-03-02T11:05:00.123+01:00")))
        .isEqualTo(new LogEvent(GROUP, MS, "x"));
  }

  @Test
  void decode_joinsPartialRecordsWithTheFirstTime() {
    assertThat(decode(d, rec("aaa", "stdout", T))).isNull();
    assertThat(d.lastOutcome()).isEqualTo(Outcome.PENDING);
    assertThat(decode(d, rec("é\\\"", "stdout", "2026-03-02T10:05:01Z"))).isNull();
    LogEvent e = decode(d, rec("ccc\\n", "stdout", "2026-03-02T10:05:02Z"));
    assertThat(e).isEqualTo(new LogEvent(GROUP, MS, "aaaé\"ccc"));
  }

  @Test
  void decode_keepsPartialsOfStdoutAndStderrApart() {
    assertThat(decode(d, rec("out1-", "stdout", T))).isNull();
    assertThat(decode(d, rec("err1-", "stderr", T))).isNull();
    assertThat(decode(d, rec("err2\\n", "stderr", T)).message()).isEqualTo("err1-err2");
    assertThat(decode(d, rec("out2\\n", "stdout", T)).message()).isEqualTo("out1-out2");
  }

  @Test
  void decode_partialOverflowIsOversizedAndReadingContinues() {
    LineDecoder small =
        LineDecoder.forFormat(InputFormat.DOCKER, ReadOptions.defaults().withMaxEventBytes(8));
    assertThat(decode(small, rec("12345", "stdout", T))).isNull();
    assertThat(decode(small, rec("67890", "stdout", T))).isNull();
    assertThat(small.lastOutcome()).isEqualTo(Outcome.PENDING);
    assertThat(decode(small, rec("end\\n", "stdout", T))).isNull();
    assertThat(small.lastOutcome()).isEqualTo(Outcome.OVERSIZED);
    assertThat(decode(small, rec("ok\\n", "stdout", T)).message()).isEqualTo("ok");
  }

  @Test
  void finish_emitsRecordsThatNeverEnded() {
    decode(d, rec("tail-out", "stdout", "2026-03-02T10:05:09Z"));
    decode(d, rec("tail-err", "stderr", "2026-03-02T10:05:08Z"));
    assertThat(d.finish().message()).isEqualTo("tail-err");
    assertThat(d.finish().message()).isEqualTo("tail-out");
    assertThat(d.finish()).isNull();
    assertThat(d.lastOutcome()).isEqualTo(Outcome.SKIPPED);
  }

  @Test
  void decode_emptyLineIsSkipped() {
    assertThat(decode(d, rec("\\n", "stdout", T))).isNull();
    assertThat(d.lastOutcome()).isEqualTo(Outcome.SKIPPED);
  }

  @Test
  void decode_badRecordsSayWhatWasExpected() {
    assertThat(decode(d, rec("x\\n", "stdout", "yesterday"))).isNull();
    assertThat(d.lastProblem()).contains("RFC 3339").contains("yesterday");
    assertThat(decode(d, "{\"log\":5,\"time\":\"" + T + "\"}")).isNull();
    assertThat(d.lastProblem()).contains("\"log\" to be a string");
    assertThat(decode(d, "{\"log\":\"x\\n\"}")).isNull();
    assertThat(d.lastProblem()).contains("\"time\"");
    assertThat(decode(d, "{\"log\":\"x\\n\",\"time\":")).isNull();
    assertThat(d.lastProblem()).startsWith("invalid JSON");
  }

  @Test
  void decode_missingTimeTakesTheFallback() {
    LogEvent e =
        decode(d, "{\"log\":\"x\\n\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), 99);
    assertThat(e).isEqualTo(new LogEvent(GROUP, 99, "x"));
  }
}
