package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One input in event-time order, with bounded memory: an external merge sort. Events are collected
 * until about {@code memoryBytes} of them are held, sorted (stably: equal times keep input order)
 * and, if the input goes on, written to a temporary run file; the runs are then merged. An input
 * that fits in memory is never written out. Counts events older than an event before them.
 */
final class SortingEventReader implements EventReader {
  private static final Comparator<LogEvent> BY_TIME =
      Comparator.comparingLong(LogEvent::timestampMillis);

  /** A rough heap cost of an event besides its message characters. */
  private static final long EVENT_OVERHEAD = 96;

  private final EventReader in;
  private final long memoryBytes;
  private final Path tmpDir;
  private final List<Path> runs = new ArrayList<>();
  private final List<EventReader> runReaders = new ArrayList<>();
  private @Nullable EventReader out;
  private long outOfOrder;
  private @Nullable PartedInputs parted;

  SortingEventReader(EventReader in, long memoryBytes, Path tmpDir) {
    this.in = in;
    this.memoryBytes = memoryBytes;
    this.tmpDir = tmpDir;
  }

  /** The input (unsorted). */
  EventReader input() {
    return in;
  }

  /** Whether events were asked for. */
  boolean started() {
    return out != null || parted != null;
  }

  /** From now on the input is read in parts (see {@link EventReaders#parts}); null: not. */
  void parted(@Nullable PartedInputs p) {
    parted = p;
  }

  @Override
  public @Nullable LogEvent next() throws IOException {
    if (parted != null) {
      throw new IllegalStateException("the input is read in parts");
    }
    EventReader o = out;
    if (o == null) {
      o = prepare();
      out = o;
    }
    return o.next();
  }

  private EventReader prepare() throws IOException {
    List<LogEvent> chunk = new ArrayList<>();
    long held = 0;
    long latest = Long.MIN_VALUE;
    for (LogEvent e; (e = in.next()) != null; ) {
      if (e.timestampMillis() < latest) {
        outOfOrder++;
      } else {
        latest = e.timestampMillis();
      }
      chunk.add(e);
      held += EVENT_OVERHEAD + 2L * (e.message().length() + e.logGroup().length());
      if (held >= memoryBytes) {
        spill(chunk);
        chunk = new ArrayList<>();
        held = 0;
      }
    }
    chunk.sort(BY_TIME);
    if (runs.isEmpty()) {
      return new ListReader(chunk);
    }
    if (!chunk.isEmpty()) {
      spill(chunk);
    }
    for (Path run : runs) {
      runReaders.add(new RunReader(run));
    }
    return new MergingEventReader(runReaders);
  }

  private void spill(List<LogEvent> chunk) throws IOException {
    chunk.sort(BY_TIME);
    Path run = Files.createTempFile(tmpDir, "mcpwatch-sort-", ".run");
    runs.add(run);
    try (DataOutputStream w =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
      for (LogEvent e : chunk) {
        w.writeLong(e.timestampMillis());
        writeString(w, e.logGroup());
        writeString(w, e.message());
      }
    }
  }

  private static void writeString(DataOutputStream w, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    w.writeInt(b.length);
    w.write(b);
  }

  @Override
  public ReaderStats stats() {
    PartedInputs p = parted;
    if (p != null) {
      return p.stats();
    }
    return in.stats().plusOutOfOrder(outOfOrder);
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    List<java.io.Closeable> all = new ArrayList<>(runReaders);
    all.add(in);
    for (java.io.Closeable c : all) {
      try {
        c.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    for (Path run : runs) {
      try {
        Files.deleteIfExists(run);
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** Hands out a sorted in-memory chunk. */
  private static final class ListReader implements EventReader {
    private final List<LogEvent> events;
    private int i;

    ListReader(List<LogEvent> events) {
      this.events = events;
    }

    @Override
    public @Nullable LogEvent next() {
      if (i >= events.size()) {
        return null;
      }
      LogEvent e = events.get(i);
      events.set(i++, null); // let it go once handed out
      return e;
    }

    @Override
    public ReaderStats stats() {
      return ReaderStats.empty();
    }

    @Override
    public void close() {}
  }

  /** Reads one run file back. */
  private static final class RunReader implements EventReader {
    private final DataInputStream r;

    RunReader(Path run) throws IOException {
      this.r = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
    }

    @Override
    public @Nullable LogEvent next() throws IOException {
      long ts;
      try {
        ts = r.readLong();
      } catch (EOFException end) {
        return null;
      }
      String group = readString();
      return new LogEvent(group, ts, readString());
    }

    private String readString() throws IOException {
      byte[] b = new byte[r.readInt()];
      r.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public ReaderStats stats() {
      return ReaderStats.empty();
    }

    @Override
    public void close() throws IOException {
      r.close();
    }
  }
}
