package io.mcpwatch.source.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.mcpwatch.engine.LogEvent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MergeTest {

  /** A reader over a fixed list that remembers being closed. */
  private static final class ListReader implements EventReader {
    final Deque<LogEvent> left;
    final ReaderStats stats;
    boolean closed;

    ListReader(List<LogEvent> events, ReaderStats stats) {
      this.left = new ArrayDeque<>(events);
      this.stats = stats;
    }

    @Override
    public @Nullable LogEvent next() {
      return left.poll();
    }

    @Override
    public ReaderStats stats() {
      return stats;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static List<LogEvent> events(String group, long... times) {
    List<LogEvent> out = new ArrayList<>();
    for (long t : times) {
      out.add(new LogEvent(group, t, group + t));
    }
    return out;
  }

  @Test
  void merge_ordersByTimestampWithTiesInReaderOrder() throws IOException {
    ListReader a = new ListReader(events("a", 1, 5, 5, 9), ReaderStats.empty());
    ListReader b =
        new ListReader(events("b", 2, 5, 10), new ReaderStats(3, 30, 1, 0, 0, List.of("b:1: x")));
    ListReader c = new ListReader(events("c"), new ReaderStats(0, 0, 0, 2, 1, List.of("c:4: y")));
    EventReader m = EventReaders.merge(List.of(a, b, c));
    List<String> got = new ArrayList<>();
    for (LogEvent e; (e = m.next()) != null; ) {
      got.add(e.message());
    }
    assertThat(got).containsExactly("a1", "b2", "a5", "a5", "b5", "a9", "b10");
    assertThat(m.stats()).isEqualTo(new ReaderStats(3, 30, 1, 2, 1, List.of("b:1: x", "c:4: y")));
    m.close();
    assertThat(a.closed && b.closed && c.closed).isTrue();
  }

  @Test
  void merge_passesOutOfOrderEventsThroughInArrivalOrder() throws IOException {
    ListReader a = new ListReader(events("a", 10, 3, 20), ReaderStats.empty());
    ListReader b = new ListReader(events("b", 5, 15), ReaderStats.empty());
    EventReader m = EventReaders.merge(List.of(a, b));
    List<Long> got = new ArrayList<>();
    for (LogEvent e; (e = m.next()) != null; ) {
      got.add(e.timestampMillis());
    }
    assertThat(got).containsExactly(5L, 10L, 3L, 15L, 20L);
  }

  @Test
  void merge_ofSortedInputsIsSortedAndComplete() {
    qt().forAll(
            lists()
                .of(lists().of(integers().between(0, 50)).ofSizeBetween(0, 20))
                .ofSizeBetween(0, 6))
        .check(
            inputs -> {
              List<EventReader> readers = new ArrayList<>();
              List<Long> all = new ArrayList<>();
              for (int i = 0; i < inputs.size(); i++) {
                List<Long> ts = inputs.get(i).stream().map(Integer::longValue).sorted().toList();
                all.addAll(ts);
                readers.add(
                    new ListReader(
                        events("r" + i, ts.stream().mapToLong(Long::longValue).toArray()),
                        ReaderStats.empty()));
              }
              List<Long> got = new ArrayList<>();
              try (EventReader m = EventReaders.merge(readers)) {
                for (LogEvent e; (e = m.next()) != null; ) {
                  got.add(e.timestampMillis());
                }
              } catch (IOException e) {
                return false;
              }
              all.sort(Comparator.naturalOrder());
              return got.equals(all);
            });
  }
}
