package io.mcpwatch.source.read;

import static io.mcpwatch.source.read.Reading.readAll;
import static io.mcpwatch.source.read.Reading.readBytes;
import static io.mcpwatch.source.read.Reading.readString;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.source.read.Reading.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and degenerate inputs: nothing throws, everything is counted, reading goes on. */
class EventReadersHostileTest {
  private static final ReadOptions OPTS = ReadOptions.defaults().withDefaultLogGroup("/g");

  @TempDir Path dir;

  private static String line(long ts, String msg) {
    return "{\"timestamp\":" + ts + ",\"message\":\"" + msg + "\"}";
  }

  @Test
  void emptyFile_hasNoEvents() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.log"));
    Result r = Reading.readFile(empty, OPTS);
    assertThat(r.events()).isEmpty();
    assertThat(r.stats()).isEqualTo(ReaderStats.empty());
    assertThat(readString("\n\n  \n", OPTS).stats().skipped()).isEqualTo(3);
  }

  @Test
  void fileWithoutNewline_decodesItsOnlyLine() throws IOException {
    assertThat(readString(line(1, "only"), OPTS).events())
        .containsExactly(new LogEvent("/g", 1, "only"));
  }

  @Test
  void truncatedLastLine_isDecodedIfWholeAndReportedIfCut() throws IOException {
    Result r = readString(line(1, "a") + "\n" + line(2, "b") + "\n{\"timestamp\":3,\"mess", OPTS);
    assertThat(r.events()).extracting(LogEvent::message).containsExactly("a", "b");
    assertThat(r.stats().malformed()).isEqualTo(1);
    assertThat(r.stats().firstErrors())
        .singleElement()
        .asString()
        .startsWith("in.log:3: invalid JSON");
    Result text =
        readString(
            "2026-03-02 10:05:00 a\n2026-03-02 10:05:01 b", OPTS.withFormat(InputFormat.TEXT));
    assertThat(text.events())
        .extracting(LogEvent::message)
        .containsExactly("2026-03-02 10:05:00 a", "2026-03-02 10:05:01 b");
  }

  @Test
  void crlfLineEndings_areStrippedInEveryFormat() throws IOException {
    assertThat(readString(line(1, "a") + "\r\n" + line(2, "b") + "\r\n", OPTS).events())
        .extracting(LogEvent::message)
        .containsExactly("a", "b");
    assertThat(readString("2026-03-02 10:05:00 a\r\n\r\nnext\r\n", OPTS).events())
        .extracting(LogEvent::message)
        .containsExactly("2026-03-02 10:05:00 a", "next");
    assertThat(
            readString("{\"log\":\"a\\n\",\"time\":\"2026-03-02T10:05:00Z\"}\r\n", OPTS).events())
        .extracting(LogEvent::message)
        .containsExactly("a");
  }

  @Test
  void tenMegabyteLine_isSkippedAsOversizedAndReadingContinues() throws IOException {
    String huge = line(2, "x".repeat(10 << 20));
    Result r = readString(line(1, "before") + "\n" + huge + "\n" + line(3, "after") + "\n", OPTS);
    assertThat(r.events()).extracting(LogEvent::message).containsExactly("before", "after");
    assertThat(r.stats().oversized()).isEqualTo(1);
    assertThat(r.stats().firstErrors())
        .containsExactly("in.log:2: event longer than 262144 bytes, skipped");
    // the same as a trickle (a pipe giving a few KiB per read)
    byte[] all =
        (line(1, "before") + "\n" + huge + "\n" + line(3, "after"))
            .getBytes(StandardCharsets.UTF_8);
    Result t = readAll(EventReaders.open(Reading.trickle(all, 4093), "pipe", OPTS));
    assertThat(t.events()).extracting(LogEvent::message).containsExactly("before", "after");
    assertThat(t.stats().firstErrors())
        .containsExactly("pipe:2: event longer than 262144 bytes, skipped");
    assertThat(t.stats().bytes()).isEqualTo(all.length);
  }

  @Test
  void tenMegabyteFileWithoutNewline_isOneOversizedLine() throws IOException {
    byte[] junk = new byte[10 << 20];
    Arrays.fill(junk, (byte) 'j');
    Result r = readBytes(junk, OPTS);
    assertThat(r.events()).isEmpty();
    assertThat(r.stats().oversized()).isEqualTo(1);
    assertThat(r.stats().bytes()).isEqualTo(junk.length);
  }

  @Test
  @Tag("slow")
  void lineLongerThanAnyJavaArray_isDiscardedWithoutBuffering() throws IOException {
    long hugeLength = (1L << 31) + 1000; // no byte[] could hold it
    byte[] tail = ("\n" + line(7, "after")).getBytes(StandardCharsets.UTF_8);
    InputStream in =
        new InputStream() {
          long left = hugeLength;
          int tailPos;

          @Override
          public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left > 0) {
              int n = (int) Math.min(len, left);
              Arrays.fill(b, off, off + n, (byte) '{');
              left -= n;
              return n;
            }
            if (tailPos == tail.length) {
              return -1;
            }
            int n = Math.min(len, tail.length - tailPos);
            System.arraycopy(tail, tailPos, b, off, n);
            tailPos += n;
            return n;
          }
        };
    Result r = readAll(EventReaders.open(in, "huge", OPTS.withFormat(InputFormat.JSON_LINES)));
    assertThat(r.events()).containsExactly(new LogEvent("/g", 7, "after"));
    assertThat(r.stats().oversized()).isEqualTo(1);
    assertThat(r.stats().bytes()).isEqualTo(hugeLength + tail.length);
  }

  @Test
  void nulBytes_neverBreakReading() throws IOException {
    String data = line(1, "a\u0000b") + "\n\u0000\u0000\u0000\n" + line(2, "c") + "\n";
    Result r = readString(data, OPTS);
    assertThat(r.events()).extracting(LogEvent::message).containsExactly("a\u0000b", "c");
    assertThat(r.stats().malformed()).isEqualTo(1);
    Result text = readString("2026-03-02 10:05:00 a\u0000b\n\u0000\n", OPTS);
    assertThat(text.events())
        .extracting(LogEvent::message)
        .containsExactly("2026-03-02 10:05:00 a\u0000b", "\u0000");
  }

  @Test
  void invalidUtf8_isReplacedInEveryFormat() throws IOException {
    byte[] bad = {(byte) 0xFF, (byte) 0xC3, '(', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write("{\"timestamp\":1,\"message\":\"".getBytes(StandardCharsets.UTF_8));
    b.write(bad);
    b.write("\"}\n".getBytes(StandardCharsets.UTF_8));
    assertThat(readBytes(b.toByteArray(), OPTS).events().get(0).message())
        .doesNotContain("(\u0000")
        .contains("\uFFFD(");
    ByteArrayOutputStream cw = new ByteArrayOutputStream();
    cw.write("{\"events\":[{\"timestamp\":1,\"message\":\"".getBytes(StandardCharsets.UTF_8));
    cw.write(bad);
    cw.write("\"}]}".getBytes(StandardCharsets.UTF_8));
    Result r = readBytes(cw.toByteArray(), OPTS);
    assertThat(r.events())
        .singleElement()
        .extracting(LogEvent::message)
        .asString()
        .contains("\uFFFD(");
  }

  @Test
  void malformedLines_areCountedAndTheFirstFiveReportedWithTheirLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      sb.append(i % 2 == 0 ? line(i, "ok") : "{\"timestamp\":" + i + "}").append('\n');
    }
    Result r =
        readAll(
            EventReaders.open(
                new java.io.ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)),
                "<stdin>",
                OPTS));
    assertThat(r.events()).hasSize(5);
    assertThat(r.stats().malformed()).isEqualTo(5);
    assertThat(r.stats().firstErrors())
        .containsExactly(
            "<stdin>:1: expected a \"message\" key",
            "<stdin>:3: expected a \"message\" key",
            "<stdin>:5: expected a \"message\" key",
            "<stdin>:7: expected a \"message\" key",
            "<stdin>:9: expected a \"message\" key");
  }

  @Test
  void cloudWatchOutput_badEventsAreSkippedAndSyntaxErrorsStopWithTheLine() throws IOException {
    String doc =
        "{\"events\":[\n"
            + "{\"timestamp\":1,\"message\":\"a\"},\n"
            + "{\"timestamp\":2},\n"
            + "7,\n"
            + "{\"message\":\"no time\"},\n"
            + "{\"timestamp\":3,\"message\":\"b\",\"logGroupName\":\"/other\"}\n"
            + "]}\n"
            + "{\"events\":[{\"timestamp\":4,\"message\":\"c\"} oops\n";
    Result r = readString(doc, OPTS);
    assertThat(r.events())
        .containsExactly(
            new LogEvent("/g", 1, "a"), new LogEvent("/other", 3, "b"), new LogEvent("/g", 4, "c"));
    assertThat(r.stats().malformed()).isEqualTo(4);
    assertThat(r.stats().firstErrors())
        .containsExactly(
            "in.log:3: expected \"message\" in the event",
            "in.log:4: expected an event object",
            "in.log:5: expected \"timestamp\" (epoch milliseconds) in the event",
            r.stats().firstErrors().get(3));
    assertThat(r.stats().firstErrors().get(3))
        .startsWith("in.log:8: invalid JSON")
        .endsWith("reading stopped");
  }

  @Test
  void cloudWatchOutput_oversizedMessagesAreSkipped() throws IOException {
    String doc =
        "[{\"timestamp\":1,\"message\":\""
            + "x".repeat(20)
            + "\"},{\"timestamp\":2,\"message\":\"ok\"}]";
    Result r = readString(doc, OPTS.withMaxEventBytes(10));
    assertThat(r.events()).containsExactly(new LogEvent("/g", 2, "ok"));
    assertThat(r.stats().oversized()).isEqualTo(1);
  }

  @Test
  void trickledInput_givesTheSameEventsAsWholeReads() throws IOException {
    ByteArrayOutputStream corpus = new ByteArrayOutputStream();
    for (int i = 0; corpus.size() < 300_000; i++) {
      String line =
          "{\"timestamp\":" + (1_700_000_000_000L + i * 37L) + ",\"message\":\"INFO:     10.0.1."
              + (i % 250) + ":5" + i + " - \\\"POST /mcp HTTP/1.1\\\" " + (200 + i % 300)
              + " OK\",\"logGroup\":\"/ecs/mcp-" + (i % 4) + "\"}\n";
      corpus.write(line.getBytes(StandardCharsets.UTF_8));
    }
    corpus.write("\n{\"timestamp\":9,\"message\":\"".getBytes(StandardCharsets.UTF_8));
    corpus.write("y".repeat(10_000).getBytes(StandardCharsets.UTF_8));
    corpus.write("\"}\n{\"timestamp\":10,\"message\":\"last\"}".getBytes(StandardCharsets.UTF_8));
    byte[] data = corpus.toByteArray();
    ReadOptions small = OPTS.withMaxEventBytes(1000);
    Result whole = readBytes(data, small);
    assertThat(whole.stats().oversized()).isEqualTo(1);
    for (int chunk : List.of(1, 2, 7, 61, 4096, 100_000)) {
      Result t = readAll(EventReaders.open(Reading.trickle(data, chunk), "in.log", small));
      assertThat(t.events()).as("chunk %d", chunk).isEqualTo(whole.events());
      assertThat(t.stats()).as("chunk %d", chunk).isEqualTo(whole.stats());
    }
  }
}
