package io.mcpwatch.source.read;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opening an input: transparent gzip, and the first bytes for format detection. */
final class Inputs {
  /** At most this many bytes are read before the format is decided. */
  static final int HEAD_BYTES = 64 * 1024;

  private static final int GZIP_BUFFER = 64 * 1024;

  private Inputs() {}

  /**
   * The input, decompressed if it starts with the gzip magic bytes. Corrupt or truncated gzip data
   * ends the input early and is recorded as one malformed error, never thrown.
   */
  static InputStream decompressIfGzip(InputStream raw, String name, StatsCounter stats)
      throws IOException {
    PushbackInputStream in = new PushbackInputStream(raw, 2);
    int b0 = in.read();
    if (b0 < 0) {
      return in;
    }
    int b1 = in.read();
    if (b1 >= 0) {
      in.unread(b1);
    }
    in.unread(b0);
    if (b0 != 0x1f || b1 != 0x8b) {
      return in;
    }
    try {
      return new Guarded(new GZIPInputStream(in, GZIP_BUFFER), name, stats);
    } catch (ZipException | EOFException e) {
      gzipError(name, stats, e);
      in.close();
      return new ByteArrayInputStream(new byte[0]);
    }
  }

  private static void gzipError(String name, StatsCounter stats, IOException e) {
    stats.malformed++;
    stats.error(
        name + ": corrupt or truncated gzip data (" + e.getMessage() + "); the rest is ignored");
  }

  /**
   * Reads the head: until the first non-blank line is complete (and, if it is only {@code {} or
   * {@code [}, the next one too), {@link #HEAD_BYTES}, or the end. Stops early so that a live pipe
   * is not held up.
   */
  static int readHead(InputStream in, byte[] head) throws IOException {
    int n = 0;
    while (n < head.length) {
      int r = in.read(head, n, head.length - n);
      if (r < 0) {
        break;
      }
      n += r;
      if (decided(head, n)) {
        break;
      }
    }
    return n;
  }

  private static boolean decided(byte[] b, int n) {
    int i = JsonScanner.skipWs(b, FormatDetector.skipBom(b, 0, n), n);
    int nl = LineEventReader.indexOfNewline(b, i, n);
    if (i >= n || nl < 0) {
      return false;
    }
    int last = nl;
    while (last > i && (b[last - 1] == ' ' || b[last - 1] == '\t' || b[last - 1] == '\r')) {
      last--;
    }
    if (last - i > 1) {
      return true;
    }
    int j = JsonScanner.skipWs(b, nl + 1, n);
    return j < n && LineEventReader.indexOfNewline(b, j, n) >= 0;
  }

  /** Whether {@code in} came from {@link #decompressIfGzip} decompressing gzip data. */
  static boolean isGzip(InputStream in) {
    return in instanceof Guarded;
  }

  /** Turns gzip corruption in the middle of the data into an early end (recorded). */
  private static final class Guarded extends FilterInputStream {
    private final String name;
    private final StatsCounter stats;
    private boolean failed;

    Guarded(InputStream in, String name, StatsCounter stats) {
      super(in);
      this.name = name;
      this.stats = stats;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (failed) {
        return -1;
      }
      try {
        return super.read(b, off, len);
      } catch (ZipException | EOFException e) {
        failed = true;
        gzipError(name, stats, e);
        return -1;
      }
    }
  }
}
