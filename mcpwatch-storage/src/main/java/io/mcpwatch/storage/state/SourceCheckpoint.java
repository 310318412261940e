package io.mcpwatch.storage.state;

import io.mcpwatch.source.tail.FileCheckpoint;
import java.util.List;
import java.util.Objects;

/** Where one source stands, committed together with what its events produced. */
public sealed interface SourceCheckpoint {

  /**
   * A file tailer's complete checkpoint list (one entry per tracked file, as {@code
   * TailBatch.checkpoints()} gives it); give it back to {@code FileTailer.resume}.
   */
  record Files(List<FileCheckpoint> files) implements SourceCheckpoint {
    public Files {
      files = List.copyOf(files);
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

  static SourceCheckpoint opaque(String text) {
    return new Opaque(text);
  }
}
