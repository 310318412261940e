package io.mcpwatch.source.read;

import java.util.List;

/**
 * What a reader has done so far.
 *
 * @param events events returned
 * @param bytes input bytes consumed (after gzip decompression)
 * @param malformed lines (or CloudWatch event objects) that could not be decoded
 * @param oversized lines or messages longer than {@link ReadOptions#maxEventBytes()}, skipped
 * @param skipped blank lines, and text lines with no timestamp of their own and none before them
 * @param untimed of the skipped lines, those that were not blank: text without a timestamp of its
 *     own and none before it (uvicorn's default output), which {@link ReadOptions#assumedTimes()}
 *     would have given a time
 * @param assumedTimes events whose time was assumed ({@link ReadOptions#assumedTimes()}), not read
 * @param outOfOrder events older than an event before them in the same input (counted by {@link
 *     EventReaders#inTimeOrder}, which hands them out in event-time order)
 * @param firstErrors at most {@link #MAX_ERRORS} descriptions, each {@code FILE:LINE: what was
 *     expected}
 */
public record ReaderStats(
    long events,
    long bytes,
    long malformed,
    long oversized,
    long skipped,
    long untimed,
    long assumedTimes,
    long outOfOrder,
    List<String> firstErrors) {

  /** How many error descriptions are kept. */
  public static final int MAX_ERRORS = 5;

  public ReaderStats {
    if (events < 0
        || bytes < 0
        || malformed < 0
        || oversized < 0
        || skipped < 0
        || untimed < 0
        || assumedTimes < 0
        || outOfOrder < 0) {
      throw new IllegalArgumentException("ReaderStats counters must be >= 0");
    }
    firstErrors = List.copyOf(firstErrors);
    if (firstErrors.size() > MAX_ERRORS) {
      firstErrors = firstErrors.subList(0, MAX_ERRORS);
    }
  }

  /** Without untimed lines or assumed times. */
  public ReaderStats(
      long events,
      long bytes,
      long malformed,
      long oversized,
      long skipped,
      List<String> firstErrors) {
    this(events, bytes, malformed, oversized, skipped, 0, 0, 0, firstErrors);
  }

  /** Counters summed, errors concatenated (still at most {@link #MAX_ERRORS}). */
  public ReaderStats plus(ReaderStats other) {
    List<String> errors = new java.util.ArrayList<>(firstErrors);
    for (String e : other.firstErrors) {
      if (errors.size() < MAX_ERRORS) {
        errors.add(e);
      }
    }
    return new ReaderStats(
        events + other.events,
        bytes + other.bytes,
        malformed + other.malformed,
        oversized + other.oversized,
        skipped + other.skipped,
        untimed + other.untimed,
        assumedTimes + other.assumedTimes,
        outOfOrder + other.outOfOrder,
        errors);
  }

  /** These counters with {@code n} more out-of-order events. */
  public ReaderStats plusOutOfOrder(long n) {
    return new ReaderStats(
        events, bytes, malformed, oversized, skipped, untimed, assumedTimes, outOfOrder + n,
        firstErrors);
  }

  /** All counters zero. */
  public static ReaderStats empty() {
    return new ReaderStats(0, 0, 0, 0, 0, List.of());
  }
}
