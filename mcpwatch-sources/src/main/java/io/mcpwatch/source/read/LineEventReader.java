package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.pattern.Swar;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Splits an input into lines in one reusable buffer and hands them to a {@link LineDecoder}. A line
 * longer than the decoder's {@link LineDecoder#maxLineBytes()} is never buffered whole: it is
 * counted as oversized and discarded up to the next newline.
 */
final class LineEventReader implements EventReader {
  /** Bytes asked for per read. */
  static final int CHUNK = 1 << 20;

  private static final int MIN_READ = 64 * 1024;

  private final InputStream in;
  private final String name;
  private final LineDecoder decoder;
  private final String logGroup;
  private final StatsCounter stats;
  private final int maxLine;
  private final long maxEventBytes;
  private final @Nullable AssumedTimes assumedTimes;
  private final byte[] buf;
  private int pos;
  private int lim;

  /** Where the newline search resumes (bytes before it, from pos, hold no newline). */
  private int scan;

  private boolean eof;
  private boolean finished;
  private long lineNo;
  private int lineStart;
  private int lineEnd;

  /**
   * @param head bytes already read from the input ({@code head[headFrom..headTo)} come first)
   */
  LineEventReader(
      InputStream in,
      String name,
      LineDecoder decoder,
      ReadOptions options,
      StatsCounter stats,
      byte[] head,
      int headFrom,
      int headTo) {
    this.in = in;
    this.name = name;
    this.decoder = decoder;
    this.logGroup = options.logGroupOrEmpty();
    this.maxEventBytes = options.maxEventBytes();
    this.assumedTimes = options.assumedTimes();
    this.stats = stats;
    this.maxLine = decoder.maxLineBytes();
    this.buf = new byte[Math.max(CHUNK, headTo - headFrom) + maxLine + MIN_READ];
    System.arraycopy(head, headFrom, buf, 0, headTo - headFrom);
    this.lim = headTo - headFrom;
  }

  @Override
  public @Nullable LogEvent next() throws IOException {
    while (true) {
      if (!nextLine()) {
        if (finished) {
          return null;
        }
        LogEvent e = decoder.finish();
        if (e != null) {
          stats.events++;
          return e;
        }
        if (decoder.lastOutcome() == LineDecoder.Outcome.SKIPPED) {
          finished = true;
          return null;
        }
        stats.count(decoder.lastOutcome(), where(), decoder.lastProblem(), maxEventBytes);
        continue;
      }
      AssumedTimes at = assumedTimes;
      long fallback = at == null ? LineDecoder.NO_FALLBACK : at.timeOf(stats.assumedTimes);
      LogEvent e = decoder.decode(buf, lineStart, lineEnd - lineStart, fallback, logGroup);
      if (e != null) {
        stats.events++;
        if (decoder.lastTimeAssumed()) {
          stats.assumedTimes++;
        }
        return e;
      }
      LineDecoder.Outcome outcome = decoder.lastOutcome();
      if (outcome == LineDecoder.Outcome.SKIPPED
          && !BaseLineDecoder.isBlank(buf, lineStart, lineEnd - lineStart)) {
        stats.untimed++;
      }
      stats.count(outcome, where(), decoder.lastProblem(), maxEventBytes);
    }
  }

  /** Lines read so far. */
  long lines() {
    return lineNo;
  }

  private String where() {
    return name + ":" + lineNo;
  }

  /** Sets lineStart/lineEnd to the next line (without its newline); false at the end. */
  private boolean nextLine() throws IOException {
    while (true) {
      int nl = indexOfNewline(buf, scan, lim);
      if (nl >= 0) {
        lineStart = pos;
        lineEnd = nl;
        pos = nl + 1;
        scan = pos;
        lineNo++;
        return true;
      }
      scan = lim;
      if (eof) {
        if (pos < lim) { // a last line without a newline
          lineStart = pos;
          lineEnd = lim;
          pos = lim;
          lineNo++;
          return true;
        }
        return false;
      }
      if (lim - pos > maxLine) {
        discardLongLine();
      } else {
        fill();
      }
    }
  }

  private void fill() throws IOException {
    if (pos > 0 && buf.length - lim < MIN_READ) {
      int n = lim - pos;
      System.arraycopy(buf, pos, buf, 0, n);
      scan -= pos;
      lim = n;
      pos = 0;
    }
    int n = in.read(buf, lim, buf.length - lim);
    if (n < 0) {
      eof = true;
    } else {
      lim += n;
      stats.bytes += n;
    }
  }

  /** The current line has outgrown maxLine: count it and drop bytes up to the next newline. */
  private void discardLongLine() throws IOException {
    lineNo++;
    stats.count(LineDecoder.Outcome.OVERSIZED, where(), null, maxEventBytes);
    pos = 0;
    lim = 0;
    scan = 0;
    while (true) {
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        eof = true;
        return;
      }
      stats.bytes += n;
      int nl = indexOfNewline(buf, 0, n);
      if (nl >= 0) {
        pos = nl + 1;
        scan = pos;
        lim = n;
        return;
      }
    }
  }

  static int indexOfNewline(byte[] b, int from, int to) {
    return Swar.indexOfNewline(b, from, to);
  }

  @Override
  public ReaderStats stats() {
    return stats.snapshot();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
