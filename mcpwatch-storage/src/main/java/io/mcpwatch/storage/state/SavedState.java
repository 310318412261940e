package io.mcpwatch.storage.state;

import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.source.tail.FileCheckpoint;
import io.mcpwatch.source.tail.PossibleGaps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last committed state, to restart from: {@code Engine.restore(alarms, options, clock,
 * listener, saved.engine())} and, per file source, {@code FileTailer.resume(globs, options,
 * saved.files(key).get(), clock)} (or {@code FileTailer.start} when {@link #files} is empty).
 *
 * @param commitNumber how many commits the database has seen (1 for the first)
 * @param committedAt when that commit was made (the store's clock)
 * @param engine the engine state of that commit: alarms still in the configuration, in order, with
 *     their history; watched series with their live buckets
 * @param checkpoints every source's stored checkpoint
 */
public record SavedState(
    long commitNumber,
    Instant committedAt,
    EngineSnapshot engine,
    Map<String, SourceCheckpoint> checkpoints) {

  public SavedState {
    Objects.requireNonNull(committedAt, "committedAt");
    Objects.requireNonNull(engine, "engine");
    checkpoints = Map.copyOf(checkpoints);
  }

  /**
   * The file checkpoints stored for a source: absent when the source never committed one (use
   * {@code FileTailer.start}), present and possibly empty otherwise (use {@code FileTailer.resume};
   * an empty list means it ran before and tracked no file).
   */
  public Optional<List<FileCheckpoint>> files(String sourceKey) {
    SourceCheckpoint c = checkpoints.get(sourceKey);
    return c instanceof SourceCheckpoint.Files
        ? Optional.of(((SourceCheckpoint.Files) c).files())
        : Optional.empty();
  }

  /** The possible gaps stored for a file source (none if it never committed or had none). */
  public PossibleGaps gaps(String sourceKey) {
    return checkpoints.get(sourceKey) instanceof SourceCheckpoint.Files f
        ? f.gaps()
        : PossibleGaps.NONE;
  }
}
