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
   * Opens a file (gzip-compressed or not; detected from its first bytes). Errors are reported as
   * {@code FILE:LINE: ...} with the path as given.
   *
   * @throws IOException if the file cannot be opened or its first bytes cannot be read
   */
  public static EventReader open(Path file, ReadOptions options) throws IOException {
    InputStream in = Files.newInputStream(file);
    try {
      return open(in, file.toString(), options);
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
    StatsCounter stats = new StatsCounter();
    InputStream data = Inputs.decompressIfGzip(in, displayName, stats);
    byte[] head = new byte[Inputs.HEAD_BYTES];
    int n = Inputs.readHead(data, head);
    stats.bytes += n;
    int from = FormatDetector.skipBom(head, 0, n);
    InputFormat format =
        options.format() == InputFormat.AUTO
            ? InputFormat.detect(head, from, n - from)
            : options.format();
    if (format == InputFormat.CLOUDWATCH_JSON) {
      InputStream all =
          new SequenceInputStream(
              new ByteArrayInputStream(head, from, n - from), new Counting(data, stats));
      return new CloudWatchJsonReader(all, displayName, options, stats);
    }
    LineDecoder decoder = LineDecoder.forFormat(format, options);
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

  /** Counts the bytes the CloudWatch reader pulls through. */
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
