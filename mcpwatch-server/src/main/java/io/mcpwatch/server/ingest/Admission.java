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
}
