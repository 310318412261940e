package io.mcpwatch.source.tail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the parts of a tailer share: the tracked files, the lines and notices of the poll in
 * progress, and the running totals.
 */
final class Tracking {
  final TailOptions options;
  final List<TrackedFile> files = new ArrayList<>();
  private List<TailLine> out = new ArrayList<>();
  private List<String> notices = new ArrayList<>();
  private List<String> gaps = new ArrayList<>();

  long lines;
  long bytes;
  long truncatedLines;
  long unterminatedLines;
  long rotations;
  long truncations;
  long copiesFollowed;
  long filesOpened;
  long filesClosed;
  long checkpointsLost;
  long readErrors;
  long possibleGaps;

  Tracking(TailOptions options) {
    this.options = options;
  }

  void add(TrackedFile t) {
    files.add(t);
    filesOpened++;
  }

  @Nullable TrackedFile byKey(@Nullable String key) {
    if (key == null) {
      return null;
    }
    for (TrackedFile t : files) {
      if (key.equals(t.key)) {
        return t;
      }
    }
    return null;
  }

  @Nullable TrackedFile byAttachedPath(Path p) {
    for (TrackedFile t : files) {
      if (t.attached && t.path.equals(p)) {
        return t;
      }
    }
    return null;
  }

  /** Where {@code t}'s lines go: this poll's output, tagged with its current path and key. */
  LineSplitter.Sink sinkFor(TrackedFile t) {
    String source = t.path.toString();
    String key = t.key;
    return (array, start, length, offset, endOffset, truncated, terminated) -> {
      out.add(
          new TailLine(
              source, key, array, start, length, offset, endOffset, truncated, terminated));
      lines++;
      if (truncated) {
        truncatedLines++;
      }
      if (!terminated) {
        unterminatedLines++;
      }
    };
  }

  LineSplitter newSplitter(long start) {
    return new LineSplitter(options.maxLineBytes(), start);
  }

  void note(String format, Object... args) {
    notices.add(String.format(Locale.ROOT, format, args));
  }

  void notes(List<String> more) {
    notices.addAll(more);
  }

  /** Reports a possible gap (lines may have been missed); its notice is already noted. */
  void gap(String reason) {
    gaps.add(reason);
    possibleGaps++;
  }

  /** Reports an I/O error on {@code t} once, until it reads successfully again. */
  void failed(TrackedFile t, IOException e) {
    if (!t.failing) {
      t.failing = true;
      readErrors++;
      note("cannot read %s (will retry): %s", t, e);
    }
  }

  /** Ends the poll: a batch with its lines and notices; the next poll starts empty. */
  TailBatch finish(List<FileCheckpoint> checkpoints, boolean changed, boolean hasMore) {
    TailBatch batch = new TailBatch(out, checkpoints, changed, hasMore, notices, gaps);
    out = new ArrayList<>();
    notices = new ArrayList<>();
    gaps = new ArrayList<>();
    return batch;
  }

  TailStats stats() {
    return new TailStats(
        lines,
        bytes,
        truncatedLines,
        unterminatedLines,
        rotations,
        truncations,
        copiesFollowed,
        filesOpened,
        filesClosed,
        checkpointsLost,
        readErrors,
        possibleGaps);
  }
}
