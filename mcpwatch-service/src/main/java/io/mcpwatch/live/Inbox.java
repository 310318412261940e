package io.mcpwatch.live;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What the engine thread waits on: a bounded queue of source batches (a full queue slows the
 * sources down instead of growing memory) and a wake-up signal for everything else (HTTP events,
 * control tasks, stop).
 */
final class Inbox {
  private final ArrayBlockingQueue<SourceBatch> batches;
  private final Object signal = new Object();
  private boolean signalled;

  Inbox(int capacity) {
    this.batches = new ArrayBlockingQueue<>(capacity);
  }

  /**
   * Queues a batch, waiting while the queue is full.
   *
   * @return false when {@code open} turned false while waiting (the batch was not queued)
   */
  boolean put(SourceBatch batch, BooleanSupplier open) throws InterruptedException {
    while (!batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
      if (!open.getAsBoolean()) {
        return false;
      }
    }
    wake();
    return true;
  }

  @Nullable SourceBatch poll() {
    return batches.poll();
  }

  boolean isEmpty() {
    return batches.isEmpty();
  }

  /** Wakes the engine thread. */
  void wake() {
    synchronized (signal) {
      signalled = true;
      signal.notifyAll();
    }
  }

  /** Waits up to {@code millis} for a batch or a {@link #wake()}. */
  void await(long millis) throws InterruptedException {
    if (millis <= 0 || !batches.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (signal) {
      while (!signalled && batches.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(signal, left);
      }
      signalled = false;
    }
  }
}
