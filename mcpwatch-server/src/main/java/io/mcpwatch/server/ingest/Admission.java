package io.mcpwatch.server.ingest;

import java.time.Duration;
import java.util.Objects;

/** An {@link EventSink}'s answer to an offer. */
public sealed interface Admission {
  /** The events were taken. */
  static Admission accepted() {
    return Accepted.INSTANCE;
  }

  /** The sink is full; the client should retry after {@code retryAfter} (rounded up to seconds). */
  static Admission busy(Duration retryAfter) {
    return new Busy(retryAfter);
  }

  /**
   * The events were queued but are not known to be durable (the commit failed or did not finish
   * in time): answered with 503 and {@code Retry-After}, never 200. They may still be committed
   * later, so a retry can count them twice (at least once, never silently lost).
   */
  static Admission notCommitted(Duration retryAfter, String reason) {
    return new NotCommitted(retryAfter, reason);
  }

  /** Every event was taken. */
  record Accepted() implements Admission {
    static final Accepted INSTANCE = new Accepted();
  }

  /**
   * Nothing was taken: the sink's queue is full.
   *
   * @param retryAfter when to retry; at least one second is advertised
   */
  record Busy(Duration retryAfter) implements Admission {
    public Busy {
      Objects.requireNonNull(retryAfter, "retryAfter");
      if (retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter: expected >= 0; found " + retryAfter);
      }
    }

    /** The Retry-After header value: whole seconds, at least 1. */
    public long retryAfterSeconds() {
      long s = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
      return Math.max(1, s);
    }
  }

  /**
   * Taken, but not durable when the answer was due.
   *
   * @param retryAfter when to retry; at least one second is advertised
   * @param reason one line for the client (no internals)
   */
  record NotCommitted(Duration retryAfter, String reason) implements Admission {
    public NotCommitted {
      Objects.requireNonNull(retryAfter, "retryAfter");
      Objects.requireNonNull(reason, "reason");
    }

    /** The Retry-After header value: whole seconds, at least 1. */
    public long retryAfterSeconds() {
      return new Busy(retryAfter).retryAfterSeconds();
    }
  }
}
