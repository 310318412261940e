package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One part of the inputs of a replay, to be read on its own thread (see {@link
 * EventReaders#parts}): a line-aligned byte range of a JSON-lines file, or a whole input of
 * another kind. Its events come in file order (not sorted); {@link #open()} may be called again to
 * read the part once more.
 */
public final class InputPart {
  private final int input;
  private final int index;
  private final PathReader source;
  private final long start;
  private final long end;
  private final boolean whole;

  // set by the reader of the first full read (read by the thread that combines the stats after
  // waiting for every part, so the hand-over is through that wait)
  private volatile @Nullable Done done;
  private volatile @Nullable StatsCounter live;

  /** What a full read of the part found. */
  record Done(ReaderStats stats, long lines, long firstTs, long maxTs) {}

  InputPart(int input, int index, PathReader source, long start, long end, boolean whole) {
    this.input = input;
    this.index = index;
    this.source = source;
    this.start = start;
    this.end = end;
    this.whole = whole;
  }

  /** Which input (in the order given to {@link EventReaders#inTimeOrder}) the part belongs to. */
  public int input() {
    return input;
  }

  /** The input's name in error reports. */
  String name() {
    return source.name;
  }

  /** The part's position within its input (0 first). */
  public int index() {
    return index;
  }

  /** The part's bytes; -1 for a whole input of another format. */
  public long length() {
    return whole ? -1 : end - start;
  }

  /**
   * Opens the part: its events in file order. Read it to the end and close it once; the stats of
   * the reader {@link EventReaders#parts} split are then complete.
   */
  public EventReader open() throws IOException {
    return new Tracking(raw(), true);
  }

  /** The part's events without tracking. */
  private EventReader raw() throws IOException {
    if (whole) {
      return EventReaders.open(source.path, source.options);
    }
    FileChannel ch = FileChannel.open(source.path, StandardOpenOption.READ);
    try {
      ch.position(start);
      InputStream in = new Range(Channels.newInputStream(ch), end - start);
      StatsCounter stats = new StatsCounter();
      stats.bytes = index == 0 ? start : 0; // a byte-order mark before the first line
      live = stats;
      LineDecoder decoder = LineDecoder.forFormat(InputFormat.JSON_LINES, source.options);
      return new LineEventReader(in, source.name, decoder, source.options, stats, new byte[0], 0, 0);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Bytes read so far (racy; for progress only). */
  long bytesSoFar() {
    Done d = done;
    if (d != null) {
      return d.stats().bytes();
    }
    StatsCounter s = live;
    return s == null ? 0 : s.bytes;
  }

  @Nullable Done done() {
    return done;
  }

  /**
   * Events of the part that are in order within it but older than {@code before} (the newest
   * event of the parts before it): the out-of-order events that only the whole input shows. Reads
   * the part again when {@code before} is newer than its first event.
   */
  long olderThan(long before) throws IOException {
    Done d = done;
    if (d == null || d.firstTs() == Long.MIN_VALUE || before <= d.firstTs()) {
      return 0;
    }
    long n = 0;
    long latest = Long.MIN_VALUE;
    try (EventReader r = raw()) {
      for (LogEvent e; (e = r.next()) != null; ) {
        long ts = e.timestampMillis();
        if (ts >= latest) {
          latest = ts;
          if (ts < before) {
            n++;
          } else {
            break; // later in-order events are newer still
          }
        }
      }
    }
    return n;
  }

  /**
   * The cut points that split {@code [from, size)} of a file into about {@code size / target}
   * parts, each starting at a line.
   */
  static List<Long> cuts(Path path, long from, long size, long target) throws IOException {
    List<Long> out = new java.util.ArrayList<>();
    out.add(from);
    long n = Math.max(1, (size - from) / Math.max(1, target));
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      for (long k = 1; k < n; k++) {
        long want = from + (size - from) * k / n;
        long last = out.get(out.size() - 1);
        if (want <= last) {
          continue;
        }
        long cut = afterNewline(ch, buf, want - 1, size);
        if (cut < 0 || cut >= size) {
          break;
        }
        if (cut > last) {
          out.add(cut);
        }
      }
    }
    return out;
  }

  /** The offset after the first newline at or after {@code pos}, or -1. */
  private static long afterNewline(FileChannel ch, ByteBuffer buf, long pos, long size)
      throws IOException {
    long p = pos;
    while (p < size) {
      buf.clear();
      int n = ch.read(buf, p);
      if (n <= 0) {
        return -1;
      }
      byte[] a = buf.array();
      for (int i = 0; i < n; i++) {
        if (a[i] == '\n') {
          return p + i + 1;
        }
      }
      p += n;
    }
    return -1;
  }

  /** Counts the events that are older than one before them in the part, and what the stats need. */
  private final class Tracking implements EventReader {
    private final EventReader in;
    private final boolean record;
    private long latest = Long.MIN_VALUE;
    private long first = Long.MIN_VALUE;
    private long outOfOrder;
    private boolean ended;

    Tracking(EventReader in, boolean record) {
      this.in = in;
      this.record = record;
    }

    @Override
    public @Nullable LogEvent next() throws IOException {
      LogEvent e = in.next();
      if (e == null) {
        ended = true;
        return null;
      }
      long ts = e.timestampMillis();
      if (first == Long.MIN_VALUE) {
        first = ts;
      }
      if (ts < latest) {
        outOfOrder++;
      } else {
        latest = ts;
      }
      return e;
    }

    @Override
    public ReaderStats stats() {
      return in.stats().plusOutOfOrder(outOfOrder);
    }

    @Override
    public void close() throws IOException {
      if (record && ended && done == null) {
        long lines = in instanceof LineEventReader ? ((LineEventReader) in).lines() : 0;
        done = new Done(stats(), lines, first, latest);
      }
      in.close();
    }
  }

  /** At most {@code limit} bytes of a stream. */
  private static final class Range extends java.io.FilterInputStream {
    private long left;

    Range(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
