package io.mcpwatch.source.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One open file the tailer follows: its channel (which keeps reading the same file after a rename
 * or unlink), its line position and its head bytes. Mutable; owned by one {@link TailEngine}.
 */
final class TrackedFile {
  /** Current (or last known) path; changes when the file is renamed to another matching name. */
  Path path;

  final @Nullable String key;
  final FileChannel channel;
  LineSplitter splitter;

  /** The first up-to-fingerprint bytes of the file's current content. */
  byte[] head = new byte[0];

  long lastSize = -1;
  Instant lastGrowth;

  /** When the file first had content while held; null until then. */
  @Nullable Instant heldSince;

  /** Matched by a glob at its current path; false once renamed away or deleted. */
  boolean attached = true;

  /** May be the original of a copytruncate copy: never renamed, not itself a copy. */
  boolean copySource = true;

  /** False while a new file is held back as a possible copy of another one. */
  boolean classified = true;

  /** The file a held file was last found to be a possible copy of. */
  @Nullable TrackedFile heldFor;

  /** An I/O error was reported and not yet followed by a success (to report each error once). */
  boolean failing;

  private @Nullable String headHash;
  private byte @Nullable [] hashedHead;

  private TrackedFile(
      Path path, @Nullable String key, FileChannel channel, int maxLineBytes, Instant now) {
    this.path = path;
    this.key = key;
    this.channel = channel;
    this.lastGrowth = now;
    this.splitter = new LineSplitter(maxLineBytes, 0);
  }

  /**
   * Opens the file at {@code path}, making sure the channel and the returned key belong to the same
   * file even if it is being rotated at this moment.
   *
   * @param expectedKey if not null, fail unless the file has this key
   */
  static TrackedFile open(Path path, @Nullable String expectedKey, int maxLineBytes, Instant now)
      throws IOException {
    for (int attempt = 0; attempt < 3; attempt++) {
      String before = FileIdentity.key(path);
      FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
      String after;
      try {
        after = FileIdentity.key(path);
      } catch (IOException e) {
        channel.close();
        throw e;
      }
      if (Objects.equals(before, after)) {
        if (expectedKey != null && !expectedKey.equals(after)) {
          channel.close();
          throw new IOException("file " + path + " changed identity before it could be opened");
        }
        return new TrackedFile(path, after, channel, maxLineBytes, now);
      }
      channel.close();
    }
    throw new IOException("file " + path + " keeps changing identity (rotating?)");
  }

  long size() throws IOException {
    return channel.size();
  }

  /** Notes the current size; growth restarts the rotated-file grace period. */
  void observe(long size, Instant now) {
    if (size > lastSize) {
      lastGrowth = now;
    }
    lastSize = size;
  }

  /** Re-reads the first up-to-{@code max} bytes of the file. */
  void loadHead(int max) throws IOException {
    head = FileIdentity.readHead(channel, max);
  }

  /**
   * Re-reads the head and checks that the bytes known before are still there; false means the file
   * was truncated or rewritten in place (then the head is left as it was).
   */
  boolean headUnchanged(int max) throws IOException {
    byte[] now = FileIdentity.readHead(channel, max);
    if (!FileIdentity.samePrefix(now, head, head.length)) {
      return false;
    }
    head = now;
    return true;
  }

  /**
   * Where reading starts "at the end": after the last {@code '\n'} among the last {@code
   * maxLineBytes + 1} bytes, so a line being written is still returned whole; at 0 if the whole
   * (short) file is one unfinished line; at {@code size} if its last line is overlong.
   */
  long endOfLastLine(long size, int maxLineBytes) throws IOException {
    int window = (int) Math.min(size, maxLineBytes + 1L);
    byte[] tail = new byte[window];
    int got = FileIdentity.readFully(channel, tail, 0, window, size - window);
    for (int i = got - 1; i >= 0; i--) {
      if (tail[i] == '\n') {
        return size - window + i + 1;
      }
    }
    return size <= maxLineBytes ? 0 : size;
  }

  FileCheckpoint checkpoint() {
    if (hashedHead != head || headHash == null) {
      headHash = FileIdentity.hash(head, head.length);
      hashedHead = head;
    }
    long at = splitter.lineStart();
    boolean finished = !attached && classified && lastSize >= 0 && at >= lastSize;
    return new FileCheckpoint(
        path.toString(), key, at, head.length, Objects.requireNonNull(headHash), finished);
  }

  void closeQuietly() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing a read-only channel cannot lose data
    }
  }

  @Override
  public String toString() {
    return path + (key == null ? "" : " (" + key + ")");
  }
}
