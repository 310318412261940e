package io.mcpwatch.source.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
  private record Line(String text, long offset, long end, boolean truncated, boolean terminated) {}

  private static final class Collector implements LineSplitter.Sink {
    final List<Line> lines = new ArrayList<>();

    @Override
    public void line(
        byte[] array,
        int start,
        int length,
        long offset,
        long endOffset,
        boolean truncated,
        boolean terminated) {
      lines.add(
          new Line(
              new String(array, start, length, StandardCharsets.ISO_8859_1),
              offset,
              endOffset,
              truncated,
              terminated));
    }
  }

  private static void feed(LineSplitter splitter, String chunk, Collector out) {
    byte[] bytes = chunk.getBytes(StandardCharsets.ISO_8859_1);
    byte[] buf = splitter.buffer(bytes.length);
    System.arraycopy(bytes, 0, buf, splitter.pendingLength(), bytes.length);
    splitter.accept(buf, bytes.length, out);
  }

  @Test
  void accept_keepsIncompleteLineUntilItsNewline() {
    LineSplitter splitter = new LineSplitter(100, 10);
    Collector out = new Collector();
    feed(splitter, "ab\ncd", out);
    assertThat(out.lines).containsExactly(new Line("ab", 10, 13, false, true));
    assertThat(splitter.lineStart()).isEqualTo(13);
    assertThat(splitter.readPos()).isEqualTo(15);
    feed(splitter, "e\r\n", out);
    assertThat(out.lines).endsWith(new Line("cde\r", 13, 18, false, true));
    assertThat(splitter.lineStart()).isEqualTo(18);
    assertThat(splitter.hasPending()).isFalse();
  }

  @Test
  void accept_cutsOverlongLinesAndKeepsMemoryBounded() {
    LineSplitter splitter = new LineSplitter(4, 0);
    Collector out = new Collector();
    feed(splitter, "abcdefgh", out);
    assertThat(splitter.pendingLength()).isEqualTo(4);
    feed(splitter, "ijk\nxy\n0123\n01234\n", out);
    assertThat(out.lines)
        .containsExactly(
            new Line("abcd", 0, 12, true, true),
            new Line("xy", 12, 15, false, true),
            new Line("0123", 15, 20, false, true),
            new Line("0123", 20, 26, true, true));
  }

  @Test
  void flush_emitsUnterminatedLastLine() {
    LineSplitter splitter = new LineSplitter(100, 0);
    Collector out = new Collector();
    feed(splitter, "a\nlast", out);
    splitter.flush(out);
    splitter.flush(out);
    assertThat(out.lines)
        .containsExactly(new Line("a", 0, 2, false, true), new Line("last", 2, 6, false, false));
    assertThat(splitter.lineStart()).isEqualTo(6);
  }

  @Test
  void accept_anyChunkingGivesTheSameLinesAsOneChunk() {
    qt().withExamples(300)
        .forAll(
            lists().of(integers().between(0, 12)).ofSizeBetween(0, 60),
            lists().of(integers().between(1, 9)).ofSizeBetween(1, 20),
            integers().between(1, 8))
        .checkAssert(
            (symbols, cuts, max) -> {
              ByteArrayOutputStream data = new ByteArrayOutputStream();
              for (int s : symbols) {
                data.write(s < 3 ? '\n' : s == 3 ? '\r' : 'a' + s);
              }
              String text = data.toString(StandardCharsets.ISO_8859_1);
              Collector whole = new Collector();
              LineSplitter one = new LineSplitter(max, 0);
              feed(one, text, whole);
              Collector pieces = new Collector();
              LineSplitter many = new LineSplitter(max, 0);
              int at = 0;
              int i = 0;
              while (at < text.length()) {
                int end = Math.min(text.length(), at + cuts.get(i++ % cuts.size()));
                feed(many, text.substring(at, end), pieces);
                at = end;
              }
              assertThat(pieces.lines).isEqualTo(whole.lines);
              assertThat(many.lineStart()).isEqualTo(one.lineStart());
              // each emitted line is the text between its offsets, cut to max
              for (Line line : whole.lines) {
                String raw = text.substring((int) line.offset, (int) line.end - 1);
                assertThat(line.text).isEqualTo(raw.substring(0, Math.min(max, raw.length())));
                assertThat(line.truncated).isEqualTo(raw.length() > max);
              }
              assertThat(one.lineStart()).isEqualTo(text.lastIndexOf('\n') + 1);
            });
  }
}
