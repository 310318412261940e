package io.mcpwatch.cli;

import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * A value or a failure that one thread sets once and others wait for ({@link ConfigPrefetch},
 * {@link CheckPrefetch}).
 */
final class Outcome<T> {
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile @Nullable T value;
  private volatile @Nullable Throwable failure;

  void set(@Nullable T v, @Nullable Throwable f) {
    value = v;
    failure = f;
    done.countDown();
  }

  boolean isDone() {
    return done.getCount() == 0;
  }

  /** The value (null for none), keeping an interrupt for the caller; rethrows the failure. */
  @Nullable T get() {
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable f = failure;
    if (f instanceof RuntimeException r) {
      throw r;
    }
    if (f instanceof Error e) {
      throw e;
    }
    return value;
  }
}
