package io.mcpwatch.source.tail;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a stream, typically stdin fed by {@code kubectl logs -f ... | mcpwatch run}, line by line
 * into {@link TailLine}s (source = the given name, offsets counted from the stream's start, no file
 * key). There are no checkpoints: a pipe cannot be re-read.
 */
public final class StreamSource implements AutoCloseable {
  private static final int CHUNK = 64 * 1024;

  private final String name;
  private final InputStream in;
  private final LineSplitter splitter;
  private final byte[] scratch = new byte[CHUNK];
  private boolean ended;

  /**
   * @param name what {@link TailLine#source()} reports, e.g. {@code "-"} or {@code "stdin"}
   * @param maxLineBytes longer lines are cut and flagged {@link TailLine#truncated()}
   */
  public StreamSource(String name, InputStream in, int maxLineBytes) {
    this.name = Objects.requireNonNull(name, "name");
    this.in = Objects.requireNonNull(in, "in");
    if (maxLineBytes < 1 || maxLineBytes > TailOptions.MAX_BUFFER_BYTES) {
      throw new IllegalArgumentException(
          "maxLineBytes must be between 1 and "
              + TailOptions.MAX_BUFFER_BYTES
              + ", got "
              + maxLineBytes);
    }
    this.splitter = new LineSplitter(maxLineBytes, 0);
  }

  /**
   * Blocks until at least one line is complete or the stream ends, and returns the complete lines
   * read. At the end of the stream an unfinished last line is returned (not {@link
   * TailLine#terminated()}); after that the result is empty and {@link #ended()} is true.
   */
  public List<TailLine> read() throws IOException {
    List<TailLine> lines = new ArrayList<>();
    LineSplitter.Sink sink =
        (array, start, length, offset, endOffset, truncated, terminated) ->
            lines.add(
                new TailLine(
                    name, null, array, start, length, offset, endOffset, truncated, terminated));
    while (lines.isEmpty() && !ended) {
      int n = in.read(scratch, 0, CHUNK);
      if (n < 0) {
        ended = true;
        splitter.flush(sink);
      } else if (n > 0) {
        byte[] buf = splitter.buffer(n);
        System.arraycopy(scratch, 0, buf, splitter.pendingLength(), n);
        splitter.accept(buf, n, sink);
      }
    }
    return lines;
  }

  /** True once the stream has ended and its last line was returned. */
  public boolean ended() {
    return ended;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
