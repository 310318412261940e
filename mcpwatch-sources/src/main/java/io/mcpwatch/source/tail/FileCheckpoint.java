package io.mcpwatch.source.tail;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where reading of one file stands: every line that ends at or before {@code offset} has been
 * returned by the tailer, no line after it has been. Persist it in the same transaction as what the
 * lines produced, and give it back to {@link FileTailer#resume} after a restart.
 *
 * <p>The file is found again by {@code fileKey} first (it may have been renamed, e.g. to {@code
 * app.log.1}, while mcpwatch was down), then by its head fingerprint (a copy made by {@code
 * copytruncate}). The fingerprint also tells a truncated or replaced file from the one that was
 * checkpointed.
 *
 * @param path the file's last known path (for humans and for the search; not its identity)
 * @param fileKey the file's identity on its file system ({@code dev:inode} on Unix), or null where
 *     the file system has none
 * @param offset byte offset just after the last line returned (the start of the next line)
 * @param headLength how many bytes at the start of the file {@code headHash} covers
 * @param headHash lower-case hex SHA-256 prefix of the first {@code headLength} bytes
 * @param finished the file had been rotated away (renamed or deleted) and was read to its end: if
 *     it is gone after a restart, nothing of it was missed
 */
public record FileCheckpoint(
    String path,
    @Nullable String fileKey,
    long offset,
    int headLength,
    String headHash,
    boolean finished) {
  /** A checkpoint of a file that is not known to be finished. */
  public FileCheckpoint(
      String path, @Nullable String fileKey, long offset, int headLength, String headHash) {
    this(path, fileKey, offset, headLength, headHash, false);
  }

  /** The same checkpoint at {@code newOffset}, no longer finished if it moved back. */
  public FileCheckpoint at(long newOffset) {
    return new FileCheckpoint(
        path, fileKey, newOffset, headLength, headHash, finished && newOffset >= offset);
  }

  public FileCheckpoint {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(headHash, "headHash");
    if (path.isEmpty()) {
      throw new IllegalArgumentException("checkpoint path must not be empty");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("checkpoint offset must be >= 0, got " + offset);
    }
    if (headLength < 0) {
      throw new IllegalArgumentException("checkpoint headLength must be >= 0, got " + headLength);
    }
  }
}
