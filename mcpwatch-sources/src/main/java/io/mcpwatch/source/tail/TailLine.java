package io.mcpwatch.source.tail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One line read from a file or stream: its bytes without the terminating {@code '\n'} (a {@code
 * '\r'} before it is kept: CRLF handling is the decoder's business, as are invalid UTF-8 and NUL
 * bytes), where it came from and where it lies in its source.
 *
 * <p>The bytes are a slice {@code [start(), start() + length())} of {@link #array()}, which is
 * shared with other lines of the same read and never reused by the tailer; do not modify it.
 */
public final class TailLine {
  private final String source;
  private final @Nullable String fileKey;
  private final byte[] array;
  private final int start;
  private final int length;
  private final long offset;
  private final long endOffset;
  private final boolean truncated;
  private final boolean terminated;

  TailLine(
      String source,
      @Nullable String fileKey,
      byte[] array,
      int start,
      int length,
      long offset,
      long endOffset,
      boolean truncated,
      boolean terminated) {
    this.source = source;
    this.fileKey = fileKey;
    this.array = array;
    this.start = start;
    this.length = length;
    this.offset = offset;
    this.endOffset = endOffset;
    this.truncated = truncated;
    this.terminated = terminated;
  }

  /** The path of the file the line was read from when it was read, or a stream's name. */
  public String source() {
    return source;
  }

  /** The identity of the file ({@link FileCheckpoint#fileKey()}), null for streams. */
  public @Nullable String fileKey() {
    return fileKey;
  }

  /** The backing array; the line is {@code [start(), start() + length())}. */
  public byte[] array() {
    return array;
  }

  public int start() {
    return start;
  }

  public int length() {
    return length;
  }

  /** Byte offset of the line's first byte in its file (or stream). */
  public long offset() {
    return offset;
  }

  /** Byte offset just after the line's {@code '\n'}: where the next line starts. */
  public long endOffset() {
    return endOffset;
  }

  /** True if the line was longer than the maximum; then only its first bytes are here. */
  public boolean truncated() {
    return truncated;
  }

  /**
   * False for a last line without {@code '\n'} that was returned because its file was closed or
   * truncated or its stream ended; true for every ordinary line.
   */
  public boolean terminated() {
    return terminated;
  }

  /** A copy of the line's bytes. */
  public byte[] bytes() {
    return Arrays.copyOfRange(array, start, start + length);
  }

  /** The line decoded as UTF-8, malformed input replaced by U+FFFD (for tests and messages). */
  public String text() {
    return new String(array, start, length, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return source + "@" + offset + (truncated ? "[truncated]" : "") + ": " + text();
  }
}
