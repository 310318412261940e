package io.mcpwatch.server.ingest;

import io.mcpwatch.engine.LogEvent;
import java.util.List;

/**
 * Where accepted events go: the run loop implements it and feeds the events into the same engine
 * loop as tailed files. Called from HTTP worker threads, concurrently; must not block for long and
 * must not call the engine directly.
 */
@FunctionalInterface
public interface EventSink {
  /**
   * Offers one request's accepted events, in request order (never empty). All or nothing: either
   * every event is taken ({@link Admission.Accepted}) or none ({@link Admission.Busy}, answered
   * with 503 and {@code Retry-After}).
   */
  Admission offer(List<LogEvent> events);

  /**
   * {@link #offer(List)} of a batch with an identity ({@code token}: e.g. a PutLogEvents batch's
   * digest) that a sink which commits may store with the events, so that a retry of the batch is
   * recognised after a restart. A sink that keeps no such thing ignores it.
   */
  default Admission offer(List<LogEvent> events, @org.jspecify.annotations.Nullable String token) {
    return offer(events);
  }
}
