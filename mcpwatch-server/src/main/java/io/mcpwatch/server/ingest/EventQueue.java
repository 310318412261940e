package io.mcpwatch.server.ingest;

import io.mcpwatch.engine.LogEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A bounded {@link EventSink}: HTTP threads offer batches, one consumer (the engine loop) polls
 * them. The bound counts events, not batches; a batch that does not fit is refused whole with
 * {@link Admission.Busy}. A single batch larger than the capacity is still taken when the queue is
 * empty, so a capacity below {@link IngestLimits#maxEvents()} cannot starve a client. Thread-safe.
 */
public final class EventQueue implements EventSink {
  private final int capacity;
  private final Duration retryAfter;
  private final LinkedBlockingQueue<List<LogEvent>> batches = new LinkedBlockingQueue<>();
  private final AtomicInteger queued = new AtomicInteger();

  /**
   * @param capacity the most events held at once (at least 1)
   * @param retryAfter what {@link Admission.Busy} advertises
   */
  public EventQueue(int capacity, Duration retryAfter) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "http.queueCapacity: expected at least 1; found " + capacity);
    }
    this.capacity = capacity;
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  @Override
  public Admission offer(List<LogEvent> events) {
    int n = events.size();
    while (true) {
      int now = queued.get();
      if (now > 0 && now + n > capacity) {
        return Admission.busy(retryAfter);
      }
      if (queued.compareAndSet(now, now + n)) {
        break;
      }
    }
    batches.add(List.copyOf(events));
    return Admission.accepted();
  }

  /** The next batch, or null when none is queued. */
  public @Nullable List<LogEvent> poll() {
    return taken(batches.poll());
  }

  /** The next batch, waiting up to {@code timeout}; null when none arrived. */
  public @Nullable List<LogEvent> poll(Duration timeout) throws InterruptedException {
    return taken(batches.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
  }

  private @Nullable List<LogEvent> taken(@Nullable List<LogEvent> batch) {
    if (batch != null) {
      queued.addAndGet(-batch.size());
    }
    return batch;
  }

  /** Events currently queued. */
  public int size() {
    return queued.get();
  }

  public int capacity() {
    return capacity;
  }
}
