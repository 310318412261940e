package io.mcpwatch.live;

import java.time.Duration;
import java.util.Locale;

/**
 * Counters of the live service since it started.
 *
 * @param uptime time since the start
 * @param lines lines read from sources
 * @param bytes bytes of those lines
 * @param sourceEvents events decoded from sources
 * @param httpEvents events received over HTTP
 * @param malformed lines that could not be decoded (broken JSON, bad Docker records)
 * @param oversized lines longer than the event limit (skipped)
 * @param invalidUtf8 lines with bytes that are not UTF-8 (ingested with U+FFFD)
 * @param unknownLogGroup events for a log group no alarm reads
 * @param transitions alarm state changes
 * @param commits storage commits
 * @param commitFailures failed commits (retried)
 * @param maxCommitMillis the slowest commit
 * @param outboxPending notifications waiting for delivery (as of the last summary)
 * @param outboxStuck notifications that failed several times and are still retried
 */
public record RunStats(
    Duration uptime,
    long lines,
    long bytes,
    long sourceEvents,
    long httpEvents,
    long malformed,
    long oversized,
    long invalidUtf8,
    long unknownLogGroup,
    long transitions,
    long commits,
    long commitFailures,
    long maxCommitMillis,
    int outboxPending,
    int outboxStuck) {

  /** The one-line summary, with rates over {@code since} (the previous summary). */
  String line(RunStats since) {
    double secs = Math.max(1e-3, (uptime.toMillis() - since.uptime.toMillis()) / 1000.0);
    long newLines = lines - since.lines;
    return String.format(
        Locale.ROOT,
        "last %ds: %,d lines (%,.0f/s), %,d events via HTTP, %d transitions, %d commits"
            + " (slowest %d ms); rejected so far: %,d malformed, %,d oversized, %,d invalid UTF-8,"
            + " %,d unknown log group; outbox %d pending, %d stuck",
        Math.round(secs),
        newLines,
        newLines / secs,
        httpEvents - since.httpEvents,
        transitions - since.transitions,
        commits - since.commits,
        maxCommitMillis,
        malformed,
        oversized,
        invalidUtf8,
        unknownLogGroup,
        outboxPending,
        outboxStuck);
  }

  static RunStats zero() {
    return new RunStats(Duration.ZERO, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
