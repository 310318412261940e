package io.mcpwatch.live;

import io.mcpwatch.notify.NotificationDispatcher;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the one {@link NotificationDispatcher} on a named daemon thread: every {@code interval},
 * and at once when the engine thread committed new outbox items.
 */
final class DispatcherThread {
  private static final Logger log = LoggerFactory.getLogger(DispatcherThread.class);

  private final NotificationDispatcher dispatcher;
  private final long intervalNanos;
  private final Thread thread;
  private final Object signal = new Object();
  private boolean signalled;
  private volatile boolean running = true;
  private long lastErrorNanos;

  DispatcherThread(NotificationDispatcher dispatcher, Duration interval) {
    this.dispatcher = dispatcher;
    this.intervalNanos = interval.toNanos();
    this.thread = new Thread(this::loop, "mcpwatch-dispatcher");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Looks for due items now. */
  void wake() {
    synchronized (signal) {
      signalled = true;
      signal.notifyAll();
    }
  }

  private void loop() {
    while (running) {
      try {
        dispatcher.runDue();
      } catch (RuntimeException e) {
        long now = System.nanoTime();
        if (now - lastErrorNanos > TimeUnit.MINUTES.toNanos(1)) {
          lastErrorNanos = now;
          log.error("notification dispatch failed (retrying): {}", e.toString());
        }
      }
      try {
        synchronized (signal) {
          if (!signalled && running) {
            TimeUnit.NANOSECONDS.timedWait(signal, intervalNanos);
          }
          signalled = false;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Stops after the delivery in progress; waits at most {@code bound} (a transport stuck longer is
   * abandoned: its item stays pending and is sent again after a restart).
   */
  void stop(Duration bound) throws InterruptedException {
    running = false;
    wake();
    thread.join(Math.max(1, bound.toMillis()));
    if (thread.isAlive()) {
      log.warn("the dispatcher did not stop within {} s; pending notifications are sent after"
          + " the next start", bound.toSeconds());
    }
  }
}
