package io.mcpwatch.source.tail;

import java.util.Arrays;

/**
 * Splits a byte stream into {@code '\n'}-terminated lines, keeping the incomplete last line for the
 * next chunk, and tracks the two offsets a checkpoint needs: where the incomplete line starts
 * ({@link #lineStart()}, the checkpoint) and how far the source has been read ({@link #readPos()}).
 *
 * <p>Lines longer than the maximum keep their first {@code maxLineBytes} bytes; the rest is dropped
 * as it arrives, so memory stays bounded whatever the input.
 */
final class LineSplitter {
  /** Receives each line as a slice of a freshly allocated array. */
  interface Sink {
    void line(
        byte[] array,
        int start,
        int length,
        long offset,
        long endOffset,
        boolean truncated,
        boolean terminated);
  }

  private static final byte[] EMPTY = new byte[0];

  private final int maxLineBytes;
  private long lineStart;
  private long readPos;
  private byte[] pending = EMPTY;
  private boolean overlong;

  LineSplitter(int maxLineBytes, long start) {
    this.maxLineBytes = maxLineBytes;
    this.lineStart = start;
    this.readPos = start;
  }

  /** Offset of the first byte of the incomplete line: every line before it has been emitted. */
  long lineStart() {
    return lineStart;
  }

  /** Offset of the next byte to read from the source. */
  long readPos() {
    return readPos;
  }

  boolean hasPending() {
    return pending.length > 0 || overlong;
  }

  /** How many bytes {@link #buffer} puts in front of the fresh bytes. */
  int pendingLength() {
    return pending.length;
  }

  /** A new array holding the kept bytes of the incomplete line followed by room for more. */
  byte[] buffer(int more) {
    byte[] buf = new byte[pending.length + more];
    System.arraycopy(pending, 0, buf, 0, pending.length);
    return buf;
  }

  /**
   * Consumes {@code fresh} bytes read at {@link #readPos()} into {@code buf} after the pending
   * prefix (see {@link #buffer}); emits every line they complete.
   */
  void accept(byte[] buf, int fresh, Sink sink) {
    int from = pending.length;
    int end = from + fresh;
    int lineFrom = 0;
    long lineOffset = lineStart;
    boolean cut = overlong;
    for (int i = from; i < end; i++) {
      if (buf[i] == '\n') {
        int length = i - lineFrom;
        long endOffset = readPos + (i - from) + 1;
        boolean truncated = cut || length > maxLineBytes;
        sink.line(
            buf, lineFrom, Math.min(length, maxLineBytes), lineOffset, endOffset, truncated, true);
        lineFrom = i + 1;
        lineOffset = endOffset;
        cut = false;
      }
    }
    readPos += fresh;
    lineStart = lineOffset;
    int rest = end - lineFrom;
    overlong = cut || rest > maxLineBytes;
    pending =
        rest == 0
            ? EMPTY
            : Arrays.copyOfRange(buf, lineFrom, lineFrom + Math.min(rest, maxLineBytes));
  }

  /** Emits the incomplete line, if any, as an unterminated line; the next line starts after it. */
  void flush(Sink sink) {
    if (hasPending()) {
      sink.line(pending, 0, pending.length, lineStart, readPos, overlong, false);
    }
    pending = EMPTY;
    overlong = false;
    lineStart = readPos;
  }
}
