package io.mcpwatch.server.ingest;

import io.mcpwatch.engine.LogEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A bounded {@link EventSink}: HTTP threads offer batches, one consumer (the engine loop) polls
 * them. The bound counts events, not batches; a batch that does not fit is refused whole with
 * {@link Admission.Busy}. A single batch larger than the capacity is still taken when the queue is
 * empty, so a capacity below {@link IngestLimits#maxEvents()} cannot starve a client. Thread-safe.
 *
 * <p>With a commit wait, {@link #offer} returns {@link Admission.Accepted} only once the consumer
 * reported (through {@link #committedThrough}) that the batch is durable. When the consumer reports
 * a failed commit ({@link #commitFailed}), the wait is over or the queue closes first, the offer
 * returns {@link Admission.NotCommitted} (503): a 200 always means committed. Batches are numbered in the order they
 * are queued and polled (1, 2, ...), so "durable through n" covers every earlier batch too.
 */
public final class EventQueue implements EventSink {
  private final int capacity;
  private final Duration retryAfter;
  private final long commitWaitNanos;
  private final Runnable onQueued;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final Condition committed = lock.newCondition();
  private final ArrayDeque<Batch> batches = new ArrayDeque<>();
  private int queued;
  private long offered;
  private long taken;
  private long durable;
  private long failed;
  private String failure = "";
  private boolean closed;

  /**
   * A queue that acknowledges as soon as a batch is queued.
   *
   * @param capacity the most events held at once (at least 1)
   * @param retryAfter what {@link Admission.Busy} advertises
   */
  public EventQueue(int capacity, Duration retryAfter) {
    this(capacity, retryAfter, Duration.ZERO, () -> {});
  }

  /**
   * @param capacity the most events held at once (at least 1)
   * @param retryAfter what {@link Admission.Busy} advertises
   * @param commitWait how long {@link #offer} waits for the batch to become durable (zero: not)
   * @param onQueued called after a batch is queued, before its offer waits (wakes the consumer)
   */
  public EventQueue(int capacity, Duration retryAfter, Duration commitWait, Runnable onQueued) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "http.queueCapacity: expected at least 1; found " + capacity);
    }
    this.capacity = capacity;
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    this.commitWaitNanos = commitWait.toNanos();
    this.onQueued = Objects.requireNonNull(onQueued, "onQueued");
  }

  /**
   * A queued batch: its events and its identity, if its sender gave one ({@link
   * EventSink#offer(List, String)}).
   */
  public record Batch(List<LogEvent> events, @Nullable String token) {}

  @Override
  public Admission offer(List<LogEvent> events) {
    return offer(events, null);
  }

  @Override
  public Admission offer(List<LogEvent> events, @Nullable String token) {
    List<LogEvent> copy = List.copyOf(events);
    long seq;
    lock.lock();
    try {
      if (queued > 0 && queued + copy.size() > capacity) {
        return Admission.busy(retryAfter);
      }
      queued += copy.size();
      batches.add(new Batch(copy, token));
      seq = ++offered;
      arrived.signal();
    } finally {
      lock.unlock();
    }
    onQueued.run();
    return commitWaitNanos > 0 ? awaitDurable(seq) : Admission.accepted();
  }

  private Admission awaitDurable(long seq) {
    lock.lock();
    try {
      long left = commitWaitNanos;
      while (durable < seq && failed < seq && !closed && left > 0) {
        left = committed.awaitNanos(left);
      }
      if (durable >= seq) {
        return Admission.accepted();
      }
      String why =
          failed >= seq
              ? "the events could not be committed (" + failure + ")"
              : closed
                  ? "the service is stopping before the events were committed"
                  : "the events were not committed within "
                      + Math.max(1, commitWaitNanos / 1_000_000_000L)
                      + " s";
      return Admission.notCommitted(retryAfter, why + "; retry after a while");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Admission.notCommitted(retryAfter, "the request was interrupted before the commit");
    } finally {
      lock.unlock();
    }
  }

  /** The next batch's events, or null when none is queued. */
  public @Nullable List<LogEvent> poll() {
    Batch b = pollBatch();
    return b == null ? null : b.events();
  }

  /** The next batch, with its identity, or null when none is queued. */
  public @Nullable Batch pollBatch() {
    lock.lock();
    try {
      return take();
    } finally {
      lock.unlock();
    }
  }

  /** The next batch, waiting up to {@code timeout}; null when none arrived. */
  public @Nullable List<LogEvent> poll(Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (batches.isEmpty() && left > 0) {
        left = arrived.awaitNanos(left);
      }
      Batch b = take();
      return b == null ? null : b.events();
    } finally {
      lock.unlock();
    }
  }

  private @Nullable Batch take() {
    Batch batch = batches.poll();
    if (batch != null) {
      queued -= batch.events().size();
      taken++;
    }
    return batch;
  }

  /** How many batches have been polled so far: the number to pass to {@link #committedThrough}. */
  public long taken() {
    lock.lock();
    try {
      return taken;
    } finally {
      lock.unlock();
    }
  }

  /** The consumer made the first {@code batches} polled batches durable; their offers return. */
  public void committedThrough(long batches) {
    lock.lock();
    try {
      if (batches > durable) {
        durable = batches;
        committed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The consumer's commit of the first {@code batches} polled batches failed: their waiting offers
   * return {@link Admission.NotCommitted} at once (the consumer retries the commit; a later {@link
   * #committedThrough} still counts for offers that have not returned).
   *
   * @param reason a short class of failure for the client, e.g. "storage unavailable"
   */
  public void commitFailed(long batches, String reason) {
    lock.lock();
    try {
      if (batches > failed) {
        failed = batches;
        failure = reason;
        committed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Releases every waiting offer (the service is stopping); later offers do not wait. */
  public void close() {
    lock.lock();
    try {
      closed = true;
      committed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Events currently queued. */
  public int size() {
    lock.lock();
    try {
      return queued;
    } finally {
      lock.unlock();
    }
  }

  public int capacity() {
    return capacity;
  }
}
