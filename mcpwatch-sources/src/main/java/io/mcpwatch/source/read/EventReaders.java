package io.mcpwatch.source.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens readers. Start here.
 *
 * <pre>{@code
 * try (EventReader r = EventReaders.open(path, ReadOptions.defaults().withDefaultLogGroup(g))) {
 *   for (LogEvent e; (e = r.next()) != null; ) { engine.accept(e); }
 *   ReaderStats s = r.stats();
 * }
 * }</pre>
 */
public final class EventReaders {
  private EventReaders() {}

  /**
   * Opens a file (gzip-compressed or not; detected from its first bytes). With {@link
   * InputFormat#AUTO} the format is detected from the first line (see {@link InputFormat#detect});
   * a gzip input whose first line starts with {@code 2024-01-01T00:01:00.500Z } is a CloudWatch
   * export to S3 ({@link InputFormat#CLOUDWATCH_S3}). Errors are reported as
   * {@code FILE:LINE: ...} with the path as given.
   *
   * @throws IOException if the file cannot be opened or its first bytes cannot be read
   */
  public static EventReader open(Path file, ReadOptions options) throws IOException {
    InputStream in = Files.newInputStream(file);
    try {
      int[] splitFrom = {-1};
      EventReader r = open(in, file.toString(), options, splitFrom);
      return new PathReader(r, file, file.toString(), options, splitFrom[0]);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Opens a stream (e.g. standard input), named {@code displayName} in error reports. The reader
   * closes the stream when it is closed. Detection reads only up to the end of the first non-blank
   * line, so a live pipe is not held up.
   *
   * @throws IOException if the first bytes cannot be read
   */
  public static EventReader open(InputStream in, String displayName, ReadOptions options)
      throws IOException {
    return open(in, displayName, options, new int[1]);
  }

  /** Sets {@code splitFrom[0]} to the first line's offset if lines decode alone, else -1. */
  private static EventReader open(
      InputStream in, String displayName, ReadOptions options, int[] splitFrom)
      throws IOException {
    splitFrom[0] = -1;
    StatsCounter stats = new StatsCounter();
    InputStream data = Inputs.decompressIfGzip(in, displayName, stats);
    byte[] head = new byte[Inputs.HEAD_BYTES];
    int n = Inputs.readHead(data, head);
    stats.bytes += n;
    int from = FormatDetector.skipBom(head, 0, n);
    InputFormat format = options.format();
    if (format == InputFormat.AUTO) {
      format = InputFormat.detect(head, from, n - from);
      if (format == InputFormat.TEXT
          && Inputs.isGzip(data)
          && S3ExportDecoder.prefixLength(head, from, n) > 0) {
        format = InputFormat.CLOUDWATCH_S3; // an S3 export object
      }
    }
    if (format == InputFormat.CLOUDWATCH_JSON || format == InputFormat.INSIGHTS_CSV) {
      InputStream all =
          new SequenceInputStream(
              new ByteArrayInputStream(head, from, n - from), new Counting(data, stats));
      EventReader r =
          format == InputFormat.CLOUDWATCH_JSON
              ? new CloudWatchJsonReader(all, displayName, options, stats)
              : new InsightsCsvReader(all, displayName, options, stats);
      return options.stripAnsi() ? new AnsiStrippingReader(r) : r;
    }
    LineDecoder decoder = LineDecoder.forFormat(format, options);
    if (format == InputFormat.JSON_LINES
        && !Inputs.isGzip(data)
        && !options.stripAnsi()
        && options.assumedTimes() == null) {
      splitFrom[0] = from;
    }
    return new LineEventReader(data, displayName, decoder, options, stats, head, from, n);
  }

  /**
   * Merges readers by timestamp (see {@link MergingEventReader}: each input is assumed
   * chronological; out-of-order events pass through in arrival order). Closing the merged reader
   * closes them all; its stats are their sums.
   */
  public static EventReader merge(List<? extends EventReader> readers) {
    return readers.size() == 1 ? readers.get(0) : new MergingEventReader(readers);
  }

  /** How much event data {@link #inTimeOrder(List)} holds in memory per input by default. */
  public static final long DEFAULT_SORT_MEMORY_BYTES = 128L << 20;

  /**
   * All inputs as one stream in event-time order (equal times: the earlier input, then input
   * order), whatever order each input holds its events in (a Logs Insights CSV is newest first,
   * an S3 export object is not sorted). Each input is sorted by an external merge sort that holds
   * at most about {@code memoryBytes} of events and writes the rest to sorted temporary files in
   * {@code tmpDir} (deleted on close), so inputs larger than memory work. {@link
   * ReaderStats#outOfOrder()} counts the events that were not in order in their input. Events are
   * read from an input only when the first event is asked for.
   */
  public static EventReader inTimeOrder(
      List<? extends EventReader> readers, long memoryBytes, Path tmpDir) {
    if (memoryBytes < 1) {
      throw new IllegalArgumentException("memoryBytes must be positive");
    }
    List<EventReader> sorted = new java.util.ArrayList<>();
    for (EventReader r : readers) {
      sorted.add(new SortingEventReader(r, memoryBytes, tmpDir));
    }
    return merge(sorted);
  }

  /** {@link #inTimeOrder(List, long, Path)} with 128 MiB per input in the system temp directory. */
  public static EventReader inTimeOrder(List<? extends EventReader> readers) {
    return inTimeOrder(
        readers, DEFAULT_SORT_MEMORY_BYTES, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /**
   * Splits the inputs of a reader from {@link #inTimeOrder} that has not been read yet into parts
   * to be read on several threads (a replay matches each part's events on its own thread and
   * merges them in time order): each JSON-lines file into line-aligned byte ranges of about
   * {@code targetBytes}, any other file input whole. From then on {@code reader} must not be read;
   * its {@link EventReader#stats()} report the parts' bytes while they are read and, once every
   * part has been read to its end and closed, exactly what reading {@code reader} would have
   * counted (out-of-order events across parts and error line numbers included). Closing {@code
   * reader} still closes the inputs.
   *
   * @return the parts, input by input, each input's in file order; null when an input was not
   *     opened from a file ({@link #open(Path, ReadOptions)}), the reader was already read, or
   *     there would be fewer than two parts
   */
  public static java.util.@org.jspecify.annotations.Nullable List<InputPart> parts(
      EventReader reader, long targetBytes) throws IOException {
    List<SortingEventReader> inputs = new java.util.ArrayList<>();
    if (reader instanceof SortingEventReader) {
      inputs.add((SortingEventReader) reader);
    } else if (reader instanceof MergingEventReader) {
      MergingEventReader m = (MergingEventReader) reader;
      if (m.primed()) {
        return null;
      }
      for (EventReader r : m.readers()) {
        if (!(r instanceof SortingEventReader)) {
          return null;
        }
        inputs.add((SortingEventReader) r);
      }
    } else {
      return null;
    }
    List<InputPart> parts = new java.util.ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      SortingEventReader s = inputs.get(i);
      if (s.started() || !(s.input() instanceof PathReader)) {
        return null;
      }
      PathReader p = (PathReader) s.input();
      if (p.started()) {
        return null;
      }
      long size = Files.size(p.path);
      if (p.splitFrom < 0 || size - p.splitFrom <= targetBytes) {
        parts.add(new InputPart(i, 0, p, 0, size, true));
        continue;
      }
      List<Long> cuts = InputPart.cuts(p.path, p.splitFrom, size, targetBytes);
      for (int k = 0; k < cuts.size(); k++) {
        long end = k + 1 < cuts.size() ? cuts.get(k + 1) : size;
        parts.add(new InputPart(i, k, p, cuts.get(k), end, false));
      }
    }
    if (parts.size() < 2) {
      return null;
    }
    PartedInputs parted = new PartedInputs(parts);
    if (reader instanceof MergingEventReader) {
      ((MergingEventReader) reader).parted(parted);
    } else {
      ((SortingEventReader) reader).parted(parted);
    }
    return parted.parts();
  }

  /**
   * Undoes {@link #parts}: {@code reader} reads its inputs itself again, from their start (the
   * parts read the files through streams of their own). For a replay that gives up on reading in
   * parts.
   */
  public static void unsplit(EventReader reader) {
    if (reader instanceof MergingEventReader) {
      ((MergingEventReader) reader).unparted();
    } else if (reader instanceof SortingEventReader) {
      ((SortingEventReader) reader).parted(null);
    }
  }

  /** Strips ANSI escape sequences from the messages of a reader that is not line-based. */
  private static final class AnsiStrippingReader implements EventReader {
    private final EventReader inner;

    AnsiStrippingReader(EventReader inner) {
      this.inner = inner;
    }

    @Override
    public io.mcpwatch.engine.@org.jspecify.annotations.Nullable LogEvent next()
        throws IOException {
      io.mcpwatch.engine.LogEvent e = inner.next();
      return e == null || e.message().indexOf(Ansi.ESC) < 0
          ? e
          : new io.mcpwatch.engine.LogEvent(
              e.logGroup(), e.timestampMillis(), Ansi.strip(e.message()));
    }

    @Override
    public ReaderStats stats() {
      return inner.stats();
    }

    @Override
    public void close() throws IOException {
      inner.close();
    }
  }

  /** Counts the bytes the CloudWatch and CSV readers pull through. */
  private static final class Counting extends java.io.FilterInputStream {
    private final StatsCounter stats;

    Counting(InputStream in, StatsCounter stats) {
      super(in);
      this.stats = stats;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        stats.bytes++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        stats.bytes += n;
      }
      return n;
    }
  }
}
