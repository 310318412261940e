package io.mcpwatch.server.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one ingest request. The defaults are CloudWatch Logs' PutLogEvents quotas.
 *
 * @param maxBodyBytes the largest request body read (after gzip decoding), in bytes; a longer body
 *     is answered 413 as soon as the limit is passed, without reading the rest. Default 2 MiB:
 *     twice the batch limit, room for JSON field names and escaping around a full batch.
 * @param maxBatchBytes the largest batch: the sum over all events of the message's UTF-8 bytes plus
 *     {@value #EVENT_OVERHEAD_BYTES}; a larger batch is answered 413. Default 1,048,576.
 * @param maxEvents the most events in one request; more are answered 413. Default 10,000.
 * @param maxEventBytes the largest event, message UTF-8 bytes plus {@value #EVENT_OVERHEAD_BYTES};
 *     a larger event is rejected alone. Default 262,144 (256 KiB).
 * @param maxEventAge events older than this (against the receive time) are rejected alone ({@code
 *     tooOld}). Default 14 days.
 * @param maxEventFuture events further ahead than this are rejected alone ({@code tooNew}). Default
 *     2 hours.
 */
public record IngestLimits(
    long maxBodyBytes,
    long maxBatchBytes,
    int maxEvents,
    int maxEventBytes,
    Duration maxEventAge,
    Duration maxEventFuture) {

  /** The per-event overhead CloudWatch Logs adds to the message size. */
  public static final int EVENT_OVERHEAD_BYTES = 26;

  public IngestLimits {
    positive("http.maxBodyBytes", maxBodyBytes);
    positive("http.maxRequestBytes", maxBatchBytes);
    positive("http.maxEventsPerRequest", maxEvents);
    if (maxEventBytes <= EVENT_OVERHEAD_BYTES) {
      throw new IllegalArgumentException(
          "http.maxEventBytes: expected more than "
              + EVENT_OVERHEAD_BYTES
              + "; found "
              + maxEventBytes);
    }
    if (maxEventBytes > maxBatchBytes) {
      throw new IllegalArgumentException(
          "http.maxEventBytes: expected at most http.maxRequestBytes ("
              + maxBatchBytes
              + "); found "
              + maxEventBytes);
    }
    nonNegative("http.maxEventAge", maxEventAge);
    nonNegative("http.maxEventFuture", maxEventFuture);
  }

  /** CloudWatch Logs' quotas (see the parameters). */
  public static IngestLimits defaults() {
    return of(1_048_576, 10_000, 262_144);
  }

  /**
   * The three limits mcpwatch's configuration names ({@code http.maxRequestBytes}, {@code
   * http.maxEventsPerRequest}, {@code http.maxEventBytes}); the body limit is twice the batch limit
   * and the age limits are CloudWatch's.
   */
  public static IngestLimits of(long maxRequestBytes, int maxEventsPerRequest, long maxEventBytes) {
    if (maxEventBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "http.maxEventBytes: expected at most " + Integer.MAX_VALUE + "; found " + maxEventBytes);
    }
    long body = maxRequestBytes > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * maxRequestBytes;
    return new IngestLimits(
        body,
        maxRequestBytes,
        maxEventsPerRequest,
        (int) maxEventBytes,
        Duration.ofDays(14),
        Duration.ofHours(2));
  }

  private static void positive(String key, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(key + ": expected a positive number; found " + v);
    }
  }

  private static void nonNegative(String key, Duration d) {
    Objects.requireNonNull(d, key);
    if (d.isNegative()) {
      throw new IllegalArgumentException(key + ": expected a duration >= 0; found " + d);
    }
  }
}
