package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import java.io.Closeable;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A pull-style stream of decoded events. Not thread-safe: use one reader from one thread.
 *
 * <p>Bad input never makes {@link #next()} throw: it is counted in {@link #stats()} and reading
 * continues. {@link IOException} means the underlying input failed.
 */
public interface EventReader extends Closeable {

  /** The next event, or {@code null} at the end of the input. */
  @Nullable LogEvent next() throws IOException;

  /** Counters so far (a snapshot; cheap enough to call per progress tick, not per event). */
  ReaderStats stats();
}
