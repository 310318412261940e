package io.mcpwatch.live;

import java.time.Duration;

/** A running source: a thread that queues {@link SourceBatch}es for the engine thread. */
interface LogSource extends AutoCloseable {
  SourceSpec spec();

  /** Starts the source's thread. */
  void start();

  /** Stops reading; batches already queued stay queued. Never blocks for long. */
  @Override
  void close();

  /** Waits for the source's thread to end. */
  void join(Duration timeout) throws InterruptedException;
}
