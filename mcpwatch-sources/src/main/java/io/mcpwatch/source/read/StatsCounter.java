package io.mcpwatch.source.read;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The mutable counters behind {@link ReaderStats}. */
final class StatsCounter {
  long events;
  long bytes;
  long malformed;
  long oversized;
  long skipped;
  long untimed;
  long assumedTimes;
  private final List<String> errors = new ArrayList<>();

  void error(String description) {
    if (errors.size() < ReaderStats.MAX_ERRORS) {
      errors.add(description);
    }
  }

  /**
   * Counts a non-event outcome of a line decoder and words it if it is a problem.
   *
   * @param where {@code FILE:LINE}
   * @param limit the event size limit, for the oversized message
   */
  void count(LineDecoder.Outcome outcome, String where, @Nullable String problem, long limit) {
    switch (outcome) {
      case MALFORMED:
        malformed++;
        error(where + ": " + problem);
        break;
      case OVERSIZED:
        oversized++;
        error(where + ": event longer than " + limit + " bytes, skipped");
        break;
      case SKIPPED:
        skipped++;
        break;
      default:
        break;
    }
  }

  ReaderStats snapshot() {
    return new ReaderStats(
        events, bytes, malformed, oversized, skipped, untimed, assumedTimes, 0, errors);
  }
}
