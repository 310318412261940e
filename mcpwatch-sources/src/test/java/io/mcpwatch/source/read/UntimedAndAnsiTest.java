package io.mcpwatch.source.read;

import static io.mcpwatch.source.read.Reading.readString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.source.read.Reading.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Uvicorn's default output: no timestamps, and ANSI colours when written to a terminal. */
class UntimedAndAnsiTest {
  private static final String UVICORN =
      "INFO:     Started server process [1]\n"
          + "INFO:     10.0.1.23:51234 - \"GET /.env HTTP/1.1\" 404 Not Found\n"
          + "\n"
          + "INFO:     10.0.1.23:51235 - \"GET /.git HTTP/1.1\" 404 Not Found\n";

  private static final ReadOptions OPTS = ReadOptions.defaults().withDefaultLogGroup("g");

  @Test
  void open_uvicornWithoutTimestamps_countsTheUntimedLines() throws IOException {
    Result r = readString(UVICORN, OPTS);

    assertThat(r.events()).isEmpty();
    assertThat(r.stats().untimed()).isEqualTo(3);
    assertThat(r.stats().skipped()).isEqualTo(4);
    assertThat(r.stats().assumedTimes()).isZero();
  }

  @Test
  void open_withAssumedTimes_spacesTheLinesAtTheRate() throws IOException {
    long start = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

    Result r = readString(UVICORN, OPTS.withAssumedTimes(new AssumedTimes(start, 4.0)));

    assertThat(r.events())
        .extracting(LogEvent::timestampMillis)
        .containsExactly(start, start + 250, start + 500);
    assertThat(r.stats().assumedTimes()).isEqualTo(3);
    assertThat(r.stats().untimed()).isZero();
  }

  @Test
  void open_withAssumedTimes_realTimestampsStillWin() throws IOException {
    long start = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    String text = "no time\n2026-03-02 11:00:00,000 INFO x\ncontinuation\n";

    Result r = readString(text, OPTS.withAssumedTimes(new AssumedTimes(start, 1.0)));

    assertThat(r.events())
        .extracting(LogEvent::timestampMillis)
        .containsExactly(start, start + 3_600_000, start + 3_600_000);
    assertThat(r.stats().assumedTimes()).isEqualTo(1);
  }

  @Test
  void assumedTimes_parse() {
    assertThat(AssumedTimes.parseRate("20/s")).isEqualTo(20.0);
    assertThat(AssumedTimes.parseRate("120/min")).isEqualTo(2.0);
    assertThat(AssumedTimes.parseRate("0.5")).isEqualTo(0.5);
    assertThatThrownBy(() -> AssumedTimes.parseRate("fast"))
        .hasMessage("rate 'fast': expected events per second like 10/s, 600/min or 0.5");
    assertThatThrownBy(() -> AssumedTimes.parseRate("0/s"))
        .hasMessage("rate '0/s': expected events per second like 10/s, 600/min or 0.5");
  }

  @Test
  void open_ansiColouredText_isStrippedOnlyWhenAsked() throws IOException {
    String text = "2026-03-02 10:05:00,000 \u001b[31mERROR\u001b[0m:    boom\n";

    Result plain = readString(text, OPTS);
    Result stripped = readString(text, OPTS.withStripAnsi(true));

    assertThat(plain.events().get(0).message()).contains("\u001b[31m");
    assertThat(stripped.events().get(0).message()).isEqualTo("2026-03-02 10:05:00,000 ERROR:    boom");
  }

  @Test
  void open_ansiBeforeTheTimestamp_isStrippedBeforeTheTimeIsRead() throws IOException {
    String text = "\u001b[32m2026-03-02 10:05:00,000\u001b[0m INFO x\n";

    Result r = readString(text, OPTS.withStripAnsi(true));

    assertThat(r.events())
        .containsExactly(
            new LogEvent(
                "g", Instant.parse("2026-03-02T10:05:00Z").toEpochMilli(), "2026-03-02 10:05:00,000 INFO x"));
  }

  @Test
  void open_ansiInDockerJson_isStripped() throws IOException {
    String line =
        "{\"log\":\"\\u001b[31mERROR\\u001b[0m:    boom\\n\",\"stream\":\"stderr\","
            + "\"time\":\"2026-03-02T10:05:00.000Z\"}\n";

    Result r = readString(line, OPTS.withStripAnsi(true));

    assertThat(r.events().get(0).message()).isEqualTo("ERROR:    boom");
  }

  @Test
  void strip_removesCsiOscAndTwoByteSequencesAndNothingElse() {
    assertThat(Ansi.strip("a\u001b[1;31mb\u001b[0mc")).isEqualTo("abc");
    assertThat(Ansi.strip("\u001b]0;title\u0007x")).isEqualTo("x");
    assertThat(Ansi.strip("\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\")).isEqualTo("link");
    assertThat(Ansi.strip("\u001b(Bx")).isEqualTo("x");
    assertThat(Ansi.strip("unterminated \u001b[31")).isEqualTo("unterminated ");
    assertThat(Ansi.strip("tab\tand [brackets] é")).isEqualTo("tab\tand [brackets] é");
    assertThat(Ansi.contains("x\u001b[0m".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(Ansi.contains("x[0m".getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Test
  void strip_hostileInputIsLinear() {
    String many = "\u001b[".repeat(200_000) + "x";

    assertThat(Ansi.strip(many)).isEmpty();
  }
}
