package io.mcpwatch.storage.state;

import io.mcpwatch.source.tail.FileCheckpoint;
import io.mcpwatch.source.tail.PossibleGaps;
import java.util.List;
import java.util.Objects;

/** Where one source stands, committed together with what its events produced. */
public sealed interface SourceCheckpoint {

  /**
   * A file tailer's complete checkpoint list (one entry per tracked file, as {@code
   * TailBatch.checkpoints()} gives it); give it back to {@code FileTailer.resume}. With it, the
   * source's possible gaps so far (lines that may have been missed, e.g. generations rotated away
   * while mcpwatch was stopped that could not be followed), so they survive restarts.
   */
  record Files(List<FileCheckpoint> files, PossibleGaps gaps) implements SourceCheckpoint {
    public Files {
      files = List.copyOf(files);
      Objects.requireNonNull(gaps, "gaps");
    }

    public Files(List<FileCheckpoint> files) {
      this(files, PossibleGaps.NONE);
    }
  }

  /**
   * Any other source's position as text the source itself understands (e.g. a JSON document with a
   * stream token); stored as given.
   */
  record Opaque(String text) implements SourceCheckpoint {
    public Opaque {
      Objects.requireNonNull(text, "text");
    }
  }

  static SourceCheckpoint files(List<FileCheckpoint> files) {
    return new Files(files);
  }

  static SourceCheckpoint files(List<FileCheckpoint> files, PossibleGaps gaps) {
    return new Files(files, gaps);
  }

  static SourceCheckpoint opaque(String text) {
    return new Opaque(text);
  }
}
