package io.mcpwatch.live;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.source.tail.FileCheckpoint;
import io.mcpwatch.source.tail.PossibleGaps;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one source read, decoded: the events (already fanned out to the source's log groups), the
 * positions valid after them, counters and things worth logging.
 *
 * @param source the source
 * @param events in read order
 * @param checkpoints the positions of all the source's files after these events; null for stdin
 * @param counts what was read
 * @param notices rotations, truncations, files found, read errors (one log line each)
 * @param problems a few descriptions of rejected lines ({@code FILE@OFFSET: what was expected})
 * @param gaps the source's possible gaps so far (committed with the checkpoints; stdin: none)
 */
record SourceBatch(
    SourceSpec source,
    List<LogEvent> events,
    @Nullable List<FileCheckpoint> checkpoints,
    InputCounts counts,
    List<String> notices,
    List<String> problems,
    PossibleGaps gaps) {
  SourceBatch(
      SourceSpec source,
      List<LogEvent> events,
      @Nullable List<FileCheckpoint> checkpoints,
      InputCounts counts,
      List<String> notices,
      List<String> problems) {
    this(source, events, checkpoints, counts, notices, problems, PossibleGaps.NONE);
  }

  SourceBatch {
    Objects.requireNonNull(source, "source");
    events = List.copyOf(events);
    checkpoints = checkpoints == null ? null : List.copyOf(checkpoints);
    Objects.requireNonNull(counts, "counts");
    notices = List.copyOf(notices);
    problems = List.copyOf(problems);
    Objects.requireNonNull(gaps, "gaps");
  }
}
