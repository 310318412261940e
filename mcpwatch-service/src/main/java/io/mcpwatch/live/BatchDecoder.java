package io.mcpwatch.live;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.source.read.LineDecoder;
import io.mcpwatch.source.tail.TailLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a source's lines into events on the source's own thread (one decoder per source: it
 * keeps state between lines, such as the last timestamp for continuation lines). Never throws:
 * bad lines are counted, and the first few are described.
 */
final class BatchDecoder {
  private static final int MAX_PROBLEMS = 3;

  private final SourceSpec source;
  private final LineDecoder decoder;
  private final String primaryGroup;
  private final List<String> otherGroups;
  /** Where the event still being joined began (file and offset), or null when none is. */
  private @Nullable Start pendingStart;

  /** The line that began an incomplete event. */
  record Start(String source, @Nullable String fileKey, long offset) {}

  BatchDecoder(SourceSpec source) {
    this.source = source;
    this.decoder = LineDecoder.forFormat(source.read().format(), source.read());
    this.primaryGroup = source.logGroups().get(0);
    this.otherGroups = source.logGroups().subList(1, source.logGroups().size());
  }

  /** The longest line worth reading whole; longer ones are cut by the reader and skipped here. */
  int maxLineBytes() {
    return decoder.maxLineBytes();
  }

  /** Result of {@link #decode}: events, counters and a few problem descriptions. */
  record Decoded(List<LogEvent> events, InputCounts counts, List<String> problems) {
    static final Decoded EMPTY = new Decoded(List.of(), InputCounts.ZERO, List.of());
  }

  /**
   * Decodes {@code lines}; a line without a time of its own (and none to take from the line
   * before) gets {@code readTimeMillis}, the time it was read.
   */
  Decoded decode(List<TailLine> lines, long readTimeMillis) {
    List<LogEvent> events = new ArrayList<>(lines.size() * source.logGroups().size());
    List<String> problems = new ArrayList<>(0);
    long bytes = 0;
    long decoded = 0;
    long malformed = 0;
    long oversized = 0;
    long skipped = 0;
    long invalid = 0;
    for (TailLine line : lines) {
      bytes += line.length();
      if (line.truncated()) {
        oversized++;
        problem(problems, line, "longer than " + decoder.maxLineBytes() + " bytes; skipped");
        continue;
      }
      boolean wasPending = decoder.pending();
      LogEvent e =
          decoder.decode(line.array(), line.start(), line.length(), readTimeMillis, primaryGroup);
      if (!decoder.pending()) {
        pendingStart = null;
      } else if (!wasPending) {
        pendingStart = new Start(line.source(), line.fileKey(), line.offset());
      }
      if (e == null) {
        switch (decoder.lastOutcome()) {
          case MALFORMED:
            malformed++;
            problem(problems, line, decoder.lastProblem());
            break;
          case OVERSIZED:
            oversized++;
            problem(problems, line, "event longer than the limit; skipped");
            break;
          case SKIPPED:
            skipped++;
            break;
          default:
            break; // PENDING: part of a record still being joined
        }
        continue;
      }
      decoded++;
      // a Latin-1 string (every ASCII line) answers this at once
      if (e.message().indexOf('\uFFFD') >= 0) {
        invalid++;
      }
      events.add(e);
      if (!otherGroups.isEmpty() && e.logGroup().equals(primaryGroup)) {
        for (String g : otherGroups) {
          events.add(new LogEvent(g, e.timestampMillis(), e.message()));
        }
      }
    }
    return new Decoded(
        events,
        new InputCounts(lines.size(), bytes, decoded, malformed, oversized, skipped, invalid),
        problems);
  }

  /**
   * Where the event still being joined began, or null: a checkpoint must not pass it (issue 9: a
   * Docker line split over records, read in part before a stop, is read whole after the restart).
   */
  @Nullable Start pendingStart() {
    return pendingStart;
  }

  /** Ends the input (a stream closed): an event still being joined, if any. */
  @Nullable LogEvent finish() {
    return decoder.finish();
  }

  private static void problem(List<String> problems, TailLine line, @Nullable String what) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(
          String.format(
              Locale.ROOT,
              "%s@%d: %s",
              line.source(),
              line.offset(),
              what == null ? "not decodable" : what));
    }
  }
}
