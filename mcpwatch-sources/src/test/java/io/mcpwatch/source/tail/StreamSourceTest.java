package io.mcpwatch.source.tail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamSourceTest {
  /** A stream that delivers each chunk in a separate read, like a pipe. */
  private static InputStream chunks(String... parts) {
    return new SequenceInputStream(
        Collections.enumeration(
            java.util.Arrays.stream(parts)
                .map(p -> (InputStream) new ByteArrayInputStream(p.getBytes(UTF_8)))
                .toList()));
  }

  private static List<String> texts(List<TailLine> lines) {
    return lines.stream().map(TailLine::text).toList();
  }

  @Test
  void read_returnsCompleteLinesAsTheyArrive() throws IOException {
    StreamSource source = new StreamSource("stdin", chunks("a\nb", "c\nd\n", "tail"), 1024);
    List<TailLine> first = source.read();
    assertThat(texts(first)).containsExactly("a");
    assertThat(first.get(0).source()).isEqualTo("stdin");
    assertThat(first.get(0).fileKey()).isNull();
    List<TailLine> second = source.read();
    assertThat(texts(second)).containsExactly("bc", "d");
    assertThat(second.get(0).offset()).isEqualTo(2);
    assertThat(second.get(1).endOffset()).isEqualTo(7);
    assertThat(source.ended()).isFalse();
  }

  @Test
  void read_returnsTheUnfinishedLastLineAtTheEnd() throws IOException {
    StreamSource source = new StreamSource("-", chunks("x\n", "last"), 1024);
    assertThat(texts(source.read())).containsExactly("x");
    List<TailLine> end = source.read();
    assertThat(texts(end)).containsExactly("last");
    assertThat(end.get(0).terminated()).isFalse();
    assertThat(source.ended()).isTrue();
    assertThat(source.read()).isEmpty();
  }

  @Test
  void read_waitsAcrossChunksForALineToComplete() throws IOException {
    StreamSource source = new StreamSource("-", chunks("ab", "c", "d\r\n"), 1024);
    List<TailLine> lines = source.read();
    assertThat(lines)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.bytes()).containsExactly('a', 'b', 'c', 'd', '\r');
              assertThat(l.terminated()).isTrue();
            });
  }

  @Test
  void read_cutsLongLines() throws IOException {
    StreamSource source = new StreamSource("-", chunks("0123456789\nok\n"), 4);
    List<TailLine> lines = source.read();
    assertThat(texts(lines)).containsExactly("0123", "ok");
    assertThat(lines.get(0).truncated()).isTrue();
    assertThat(lines.get(1).truncated()).isFalse();
  }

  @Test
  void new_rejectsBadMaxLineBytes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new StreamSource("-", chunks(), 0))
        .withMessageContaining("maxLineBytes");
  }
}
