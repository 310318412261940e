package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A reader opened from a file by {@link EventReaders#open(Path, ReadOptions)}: it remembers the
 * file and options so that {@link EventReaders#parts} can open the file again, and whether the
 * file can be split at line boundaries (plain JSON lines: every line decodes on its own).
 */
final class PathReader implements EventReader {
  private final EventReader inner;
  final Path path;
  final String name;
  final ReadOptions options;

  /** The offset of the first line (after a byte-order mark), or -1 when not splittable. */
  final int splitFrom;

  private boolean started;

  PathReader(EventReader inner, Path path, String name, ReadOptions options, int splitFrom) {
    this.inner = inner;
    this.path = path;
    this.name = name;
    this.options = options;
    this.splitFrom = splitFrom;
  }

  boolean started() {
    return started;
  }

  @Override
  public @Nullable LogEvent next() throws IOException {
    started = true;
    return inner.next();
  }

  @Override
  public ReaderStats stats() {
    return inner.stats();
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }
}
