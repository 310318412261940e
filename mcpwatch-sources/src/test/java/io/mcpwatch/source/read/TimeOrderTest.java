package io.mcpwatch.source.read;

import static io.mcpwatch.source.read.Reading.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.source.read.Reading.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay order: event time across all inputs, whatever order the inputs hold. */
class TimeOrderTest {
  @TempDir Path tmp;

  private static final class ListReader implements EventReader {
    final Deque<LogEvent> left;
    boolean closed;

    ListReader(List<LogEvent> events) {
      this.left = new ArrayDeque<>(events);
    }

    @Override
    public @Nullable LogEvent next() {
      return left.poll();
    }

    @Override
    public ReaderStats stats() {
      return new ReaderStats(0, 0, 0, 0, 0, List.of());
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Events of one input; the message names input and position, so ties can be checked. */
  private static List<LogEvent> input(String name, List<Integer> times) {
    List<LogEvent> out = new ArrayList<>();
    for (int i = 0; i < times.size(); i++) {
      out.add(new LogEvent("g", times.get(i), name + "#" + i + " " + "x".repeat(i % 7)));
    }
    return out;
  }

  private static long outOfOrder(List<Integer> times) {
    long n = 0;
    long latest = Long.MIN_VALUE;
    for (int t : times) {
      if (t < latest) {
        n++;
      } else {
        latest = t;
      }
    }
    return n;
  }

  private List<String> leftovers() {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(Path::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void inTimeOrder_newestFirstInput_isReplayedOldestFirstAndCounted() {
    List<Integer> times = List.of(5000, 4000, 3000, 2000, 1000);

    Result r = readAll(EventReaders.inTimeOrder(List.of(new ListReader(input("a", times))), 1 << 20, tmp));

    assertThat(r.events()).extracting(LogEvent::timestampMillis).containsExactly(1000L, 2000L, 3000L, 4000L, 5000L);
    assertThat(r.stats().outOfOrder()).isEqualTo(4);
  }

  @Test
  void inTimeOrder_anyInputsAnyMemory_isAStableSortOfAllInputsAndLeavesNoFiles() {
    qt().withExamples(200)
        .forAll(
            lists().of(integers().between(0, 50)).ofSizeBetween(0, 60),
            lists().of(integers().between(0, 50)).ofSizeBetween(0, 60),
            integers().between(1, 4000))
        .checkAssert(
            (a, b, memory) -> {
              List<LogEvent> ea = input("a", a);
              List<LogEvent> eb = input("b", b);
              List<LogEvent> expected = new ArrayList<>(ea);
              expected.addAll(eb); // a before b on equal times, each in its input order
              expected.sort(Comparator.comparingLong(LogEvent::timestampMillis));
              ListReader ra = new ListReader(ea);
              ListReader rb = new ListReader(eb);

              Result r = readAll(EventReaders.inTimeOrder(List.of(ra, rb), memory, tmp));

              assertThat(r.events()).isEqualTo(expected);
              assertThat(r.stats().outOfOrder()).isEqualTo(outOfOrder(a) + outOfOrder(b));
              assertThat(ra.closed && rb.closed).isTrue();
              assertThat(leftovers()).isEmpty();
            });
  }

  @Test
  void inTimeOrder_inputLargerThanItsMemory_spillsSortedRuns() throws IOException {
    List<Integer> times = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      times.add((i * 7919) % 20_000); // a permutation
    }
    EventReader sorted = EventReaders.inTimeOrder(List.of(new ListReader(input("a", times))), 64 << 10, tmp);

    LogEvent first = sorted.next();
    long runs = leftovers().size();
    List<LogEvent> rest = readAll(sorted).events();

    assertThat(first.timestampMillis()).isZero();
    assertThat(runs).isGreaterThan(10);
    assertThat(rest).hasSize(19_999).isSortedAccordingTo(Comparator.comparingLong(LogEvent::timestampMillis));
    assertThat(leftovers()).isEmpty();
  }
}
