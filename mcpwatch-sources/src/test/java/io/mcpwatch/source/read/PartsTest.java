package io.mcpwatch.source.read;

import static io.mcpwatch.source.read.Reading.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.mcpwatch.engine.LogEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splitting the inputs of a time-ordered reader into parts read separately. */
class PartsTest {
  @TempDir Path tmp;

  /**
   * The parts hold every event of the inputs once, each part's in file order, and once all are
   * read the reader's stats are exactly what reading it in time order counts: out-of-order events
   * across parts, and errors with their line numbers from the start of their input.
   */
  @Test
  void parts_holdEveryEventOnceAndCountLikeTheSequentialReader() {
    AtomicLong n = new AtomicLong();
    qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> {
      try {
        Random r = new Random(seed);
        Path dir = Files.createDirectories(tmp.resolve("c" + n.incrementAndGet()));
        List<Path> files = new ArrayList<>();
        for (int i = 0, k = 1 + r.nextInt(3); i < k; i++) {
          Path f = dir.resolve("in" + i + ".jsonl");
          Files.write(f, lines(r));
          files.add(f);
        }
        ReadOptions o = ReadOptions.defaults().withMaxEventBytes(r.nextBoolean() ? 60 : 1000);
        Reading.Result sequential = readAll(open(files, o));

        EventReader parted = open(files, o);
        List<InputPart> parts = EventReaders.parts(parted, 1 + r.nextInt(1_000));
        assertThat(parts).isNotNull();
        List<LogEvent> all = new ArrayList<>();
        for (InputPart p : parts) {
          all.addAll(readAll(p.open()).events());
        }
        all.sort(Comparator.comparingLong(LogEvent::timestampMillis)); // stable: part order
        assertThat(all).isEqualTo(sequential.events());
        assertThat(parted.stats()).isEqualTo(sequential.stats());
        parted.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Test
  void parts_ofAStreamAGzipFileOrAStartedReader_areNotSplit() throws IOException {
    Path f = tmp.resolve("a.jsonl");
    Files.write(f, lines(new Random(1)));
    Path gz = tmp.resolve("a.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(f));
    }
    ReadOptions o = ReadOptions.defaults();
    EventReader stream = EventReaders.inTimeOrder(List.of(
        EventReaders.open(new ByteArrayInputStream(Files.readAllBytes(f)), "stdin", o)));
    assertThat(EventReaders.parts(stream, 100)).isNull();
    EventReader zipped = EventReaders.inTimeOrder(List.of(EventReaders.open(gz, o)));
    assertThat(EventReaders.parts(zipped, 100)).as("one gzip input: one part").isNull();
    EventReader two = EventReaders.inTimeOrder(List.of(EventReaders.open(gz, o), EventReaders.open(f, o)));
    List<InputPart> parts = EventReaders.parts(two, 100);
    assertThat(parts).isNotNull();
    assertThat(parts.get(0).length()).as("the gzip input whole").isEqualTo(-1);
    assertThat(parts.subList(1, parts.size())).allSatisfy(p -> assertThat(p.input()).isEqualTo(1));
    assertThatThrownBy(two::next).isInstanceOf(IllegalStateException.class);
    EventReader started = EventReaders.inTimeOrder(List.of(EventReaders.open(f, o)));
    started.next();
    assertThat(EventReaders.parts(started, 100)).isNull();
  }

  private static EventReader open(List<Path> files, ReadOptions o) throws IOException {
    List<EventReader> readers = new ArrayList<>();
    for (Path f : files) {
      readers.add(EventReaders.open(f, o));
    }
    return EventReaders.inTimeOrder(readers);
  }

  /** 50 to 400 JSON lines, some late, malformed, blank or long; sometimes a BOM, no last newline. */
  private static byte[] lines(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(4) == 0) {
      sb.append('\uFEFF');
    }
    long ts = 1_000_000 + r.nextInt(1_000);
    for (int i = 0, n = 50 + r.nextInt(350); i < n; i++) {
      ts += r.nextInt(100);
      long t = r.nextInt(8) == 0 ? ts - r.nextInt(3_000) : ts;
      int k = r.nextInt(30);
      if (k == 0) {
        sb.append("{\"timestamp\":oops}\n");
      } else if (k == 1) {
        sb.append('\n');
      } else {
        sb.append("{\"timestamp\":").append(t).append(",\"message\":\"m").append(i)
            .append(k == 2 ? "x".repeat(100) : "").append("\",\"logGroup\":\"g").append(k % 3)
            .append("\"}\n");
      }
    }
    if (r.nextBoolean()) {
      sb.setLength(sb.length() - 1);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
