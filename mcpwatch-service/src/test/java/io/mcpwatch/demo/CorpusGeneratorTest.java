package io.mcpwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.demo.CorpusGenerator.Format;
import io.mcpwatch.demo.CorpusGenerator.Summary;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.EventReaders;
import io.mcpwatch.source.read.ReadOptions;
import io.mcpwatch.source.read.ReaderStats;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CorpusGeneratorTest {
  private static final long SIZE = 4 << 20;

  private static byte[] generate(long seed, Format format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CorpusGenerator.write(out, SIZE, seed, format);
    return out.toByteArray();
  }

  @Test
  void write_isDeterministicPerSeed() throws IOException {
    assertThat(generate(11, Format.JSON_LINES)).isEqualTo(generate(11, Format.JSON_LINES));
    assertThat(generate(11, Format.JSON_LINES)).isNotEqualTo(generate(12, Format.JSON_LINES));
  }

  @Test
  void write_producesReadableChronologicalTrafficForAllGroups() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Summary s = CorpusGenerator.write(out, SIZE, 5, Format.JSON_LINES);
    byte[] data = out.toByteArray();
    assertThat(s.bytes())
        .isEqualTo(data.length)
        .isLessThanOrEqualTo(SIZE)
        .isGreaterThan(SIZE - 1000);
    Result r = readBytes(data, ReadOptions.defaults());
    assertThat(r.stats().malformed() + r.stats().oversized() + r.stats().skipped()).isZero();
    assertThat(r.events()).hasSize((int) s.events());
    Set<String> groups = new TreeSet<>();
    long previous = Long.MIN_VALUE;
    long obo = 0;
    long notFound = 0;
    long fiveXx = 0;
    for (LogEvent e : r.events()) {
      groups.add(e.logGroup());
      assertThat(e.timestampMillis()).isGreaterThanOrEqualTo(previous);
      previous = e.timestampMillis();
      obo += e.message().contains("OBO token exchange failed") ? 1 : 0;
      notFound += e.message().endsWith("404 Not Found") ? 1 : 0;
      fiveXx += e.message().matches(".*\" 5\\d\\d .*") ? 1 : 0;
    }
    assertThat(groups).hasSize(8).contains(CorpusGenerator.logGroup("prod", "outlook"));
    assertThat(obo).isEqualTo(s.oboFailures()).isPositive();
    assertThat(fiveXx).isEqualTo(s.status5xx()).isPositive();
    assertThat(notFound).isPositive();
    assertThat(r.events()).anyMatch(e -> e.message().contains("\n"));
    assertThat(r.events()).anyMatch(e -> e.message().startsWith("Traceback"));
    assertThat(s.firstMillis()).isEqualTo(CorpusGenerator.DEFAULT_START_MILLIS + 13);
  }

  @Test
  void write_dockerFormatReadsBackToTheSameMessages() throws IOException {
    Result json = readBytes(generate(9, Format.JSON_LINES), ReadOptions.defaults());
    Result docker = readBytes(generate(9, Format.DOCKER), ReadOptions.defaults());
    assertThat(docker.stats().malformed()).isZero();
    int n = Math.min(json.events().size(), docker.events().size()) - 1;
    assertThat(n).isGreaterThan(1000);
    for (int i = 0; i < n; i++) {
      assertThat(docker.events().get(i).message()).isEqualTo(json.events().get(i).message());
      assertThat(docker.events().get(i).timestampMillis())
          .isEqualTo(json.events().get(i).timestampMillis());
    }
  }

  @Test
  void parseSize_understandsBinaryUnits() {
    assertThat(CorpusGenerator.parseSize("64m")).isEqualTo(64L << 20);
    assertThat(CorpusGenerator.parseSize("1G")).isEqualTo(1L << 30);
    assertThat(CorpusGenerator.parseSize("1000")).isEqualTo(1000);
  }

  record Result(List<LogEvent> events, ReaderStats stats) {}

  private static Result readBytes(byte[] data, ReadOptions options) throws IOException {
    try (EventReader r = EventReaders.open(new ByteArrayInputStream(data), "in.log", options)) {
      List<LogEvent> events = new ArrayList<>();
      for (LogEvent e; (e = r.next()) != null; ) {
        events.add(e);
      }
      return new Result(events, r.stats());
    }
  }
}
