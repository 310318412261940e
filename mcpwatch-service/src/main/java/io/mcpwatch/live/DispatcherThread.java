package io.mcpwatch.live;

import io.mcpwatch.notify.NotificationDispatcher;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the one {@link NotificationDispatcher} on a named daemon thread: every {@code interval},
 * and at once when the engine thread committed new outbox items. Deliveries run in the
 * dispatcher's lanes (one per destination) on {@link #lanes()}, daemon threads named
 * {@code mcpwatch-deliver-N}: a hung SMTP server delays e-mail only.
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
  private final ExecutorService lanes;

  /** The executor for {@link NotificationDispatcher.Builder#lanes}; stopped by {@link #stop}. */
  static ExecutorService laneExecutor() {
    AtomicInteger n = new AtomicInteger();
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "mcpwatch-deliver-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  DispatcherThread(NotificationDispatcher dispatcher, Duration interval, ExecutorService lanes) {
    this.lanes = lanes;
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
    long deadline = System.nanoTime() + bound.toNanos();
    thread.join(Math.max(1, bound.toMillis()));
    lanes.shutdown(); // lanes finish their delivery in progress, start no other
    lanes.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    if (thread.isAlive() || !lanes.isTerminated()) {
      log.warn("the dispatcher did not stop within {} s; pending notifications are sent after"
          + " the next start", bound.toSeconds());
    }
  }
}
