package io.mcpwatch.live;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A running source: a thread that queues {@link SourceBatch}es for the engine thread. */
interface LogSource extends AutoCloseable {
  SourceSpec spec();

  /** Starts the source's thread. */
  void start();

  /** Stops reading; batches already queued stay queued. Never blocks for long. */
  @Override
  void close();

  /** What the source read and decoded so far (any thread; summed per batch, not per line). */
  InputCounts read();

  /** A file source's position against its files, read now (any thread); null for stdin. */
  default @Nullable SourceProgress progress() {
    return null;
  }

  /** Waits for the source's thread to end. */
  void join(Duration timeout) throws InterruptedException;
}
