package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * A k-way merge by timestamp (ties: the earlier reader in the list first). Each reader is assumed
 * chronological; an out-of-order event in one reader is passed through when it reaches the front of
 * that reader, i.e. in arrival order, and the engine treats it as late.
 */
final class MergingEventReader implements EventReader {
  private static final Comparator<Head> ORDER =
      Comparator.<Head>comparingLong(h -> h.event.timestampMillis()).thenComparingInt(h -> h.index);

  private final List<EventReader> readers;
  private final PriorityQueue<Head> heap;
  private boolean primed;
  private @Nullable PartedInputs parted;

  MergingEventReader(List<? extends EventReader> readers) {
    this.readers = List.copyOf(readers);
    this.heap = new PriorityQueue<>(Math.max(1, readers.size()), ORDER);
  }

  List<EventReader> readers() {
    return readers;
  }

  boolean primed() {
    return primed;
  }

  /** From now on the inputs are read in parts (see {@link EventReaders#parts}). */
  void parted(PartedInputs p) {
    parted = p;
    primed = true;
  }

  /** Back to reading the inputs itself (see {@link EventReaders#unsplit}). */
  void unparted() {
    parted = null;
    primed = false;
  }

  @Override
  public @Nullable LogEvent next() throws IOException {
    if (parted != null) {
      throw new IllegalStateException("the inputs are read in parts");
    }
    if (!primed) {
      primed = true;
      for (int i = 0; i < readers.size(); i++) {
        LogEvent e = readers.get(i).next();
        if (e != null) {
          heap.add(new Head(i, e));
        }
      }
    }
    Head h = heap.poll();
    if (h == null) {
      return null;
    }
    LogEvent out = h.event;
    LogEvent following = readers.get(h.index).next();
    if (following != null) {
      h.event = following;
      heap.add(h);
    }
    return out;
  }

  @Override
  public ReaderStats stats() {
    PartedInputs p = parted;
    if (p != null) {
      return p.stats();
    }
    ReaderStats sum = ReaderStats.empty();
    for (EventReader r : readers) {
      sum = sum.plus(r.stats());
    }
    return sum;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (EventReader r : readers) {
      try {
        r.close();
      } catch (IOException | RuntimeException e) {
        if (first == null) {
          first = e instanceof IOException ? (IOException) e : new IOException(e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static final class Head {
    final int index;
    LogEvent event;

    Head(int index, LogEvent event) {
      this.index = index;
      this.event = event;
    }
  }
}
