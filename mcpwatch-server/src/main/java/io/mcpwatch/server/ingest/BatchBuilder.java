package io.mcpwatch.server.ingest;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.server.ingest.Rejection.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Collects one request's events: counts them against {@link IngestLimits#maxEvents()}, sums the
 * batch size, and accepts or rejects each event by size and age.
 */
final class BatchBuilder {
  private final IngestLimits limits;
  private final long oldestMillis;
  private final long newestMillis;
  private final List<LogEvent> accepted = new ArrayList<>();
  private final List<Rejection> rejected = new ArrayList<>();
  private int count;
  private long batchBytes;

  BatchBuilder(IngestLimits limits, long receivedAtMillis) {
    this.limits = limits;
    this.oldestMillis = saturatedSubtract(receivedAtMillis, limits.maxEventAge().toMillis());
    this.newestMillis = saturatedAdd(receivedAtMillis, limits.maxEventFuture().toMillis());
  }

  /** Rejects a malformed event (it still counts against the event limit). */
  void malformed(int position, @Nullable String field, String message) throws IngestException {
    countOne();
    rejected.add(new Rejection(position, Reason.MALFORMED, field, message));
  }

  /** Adds a well-formed event: accepted, or rejected for its size or age. */
  void add(int position, String logGroup, long timestampMillis, String message)
      throws IngestException {
    countOne();
    long size = Utf8.length(message) + (long) IngestLimits.EVENT_OVERHEAD_BYTES;
    batchBytes += size;
    if (batchBytes > limits.maxBatchBytes()) {
      throw new IngestException(
          413,
          "BatchTooLarge",
          String.format(
              Locale.ROOT,
              "the batch (message UTF-8 bytes + %d per event) exceeds %d bytes at event %d",
              IngestLimits.EVENT_OVERHEAD_BYTES,
              limits.maxBatchBytes(),
              position));
    }
    if (size > limits.maxEventBytes()) {
      rejected.add(
          new Rejection(
              position,
              Reason.TOO_LONG,
              "message",
              String.format(
                  Locale.ROOT,
                  "the event is %d bytes (message + %d), over the %d-byte event limit",
                  size,
                  IngestLimits.EVENT_OVERHEAD_BYTES,
                  limits.maxEventBytes())));
    } else if (timestampMillis < oldestMillis) {
      rejected.add(
          new Rejection(
              position,
              Reason.TOO_OLD,
              "timestamp",
              String.format(
                  Locale.ROOT,
                  "timestamp %d is more than %s before the receive time",
                  timestampMillis,
                  limits.maxEventAge())));
    } else if (timestampMillis > newestMillis) {
      rejected.add(
          new Rejection(
              position,
              Reason.TOO_NEW,
              "timestamp",
              String.format(
                  Locale.ROOT,
                  "timestamp %d is more than %s after the receive time",
                  timestampMillis,
                  limits.maxEventFuture())));
    } else {
      accepted.add(new LogEvent(logGroup, timestampMillis, message));
    }
  }

  private void countOne() throws IngestException {
    count++;
    if (count > limits.maxEvents()) {
      throw tooMany(limits);
    }
  }

  static IngestException tooMany(IngestLimits limits) {
    return new IngestException(
        413, "TooManyEvents", "more than " + limits.maxEvents() + " events in one request");
  }

  List<LogEvent> accepted() {
    return accepted;
  }

  List<Rejection> rejected() {
    return rejected;
  }

  /** Events seen, accepted or not. */
  int count() {
    return count;
  }

  private static long saturatedSubtract(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
