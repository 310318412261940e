package io.mcpwatch.source.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Rotation by copytruncate: {@code cp app.log app.log.1 && truncate app.log}.
 *
 * <p>When a tracked file is truncated, the lines we had not read yet are in the copy: a file in the
 * same directory whose first bytes equal the truncated file's old head. Reading continues there at
 * the old position, and the truncated file is read again from byte 0.
 *
 * <p>A copy the globs match would also be found as a new file and read in full (every line twice).
 * So a new file whose first bytes equal those of a tracked file that was never renamed is
 * <em>held</em>, unread, until that file is truncated (it was the copy: see above), the two diverge
 * (a new file: read from 0), or the hold ends: no growth for {@link TailOptions#rotatedFileGrace()}
 * or {@link TailOptions#maxCopyHold()} in all. A held file whose whole fingerprint matched is then
 * taken for a plain copy (only what is appended is read), a shorter match for a new file (read from
 * 0).
 */
final class CopyTruncate {
  private final Tracking tracking;
  private final GlobSet globs;
  private final TailOptions options;

  CopyTruncate(Tracking tracking, GlobSet globs) {
    this.tracking = tracking;
    this.globs = globs;
    this.options = tracking.options;
  }

  /** {@code t} shrank below its read position or its head changed. */
  void truncated(TrackedFile t, Instant now) throws IOException {
    tracking.truncations++;
    LineSplitter old = t.splitter;
    TrackedFile copy = findCopy(t, now);
    if (copy != null) {
      long size = copy.size();
      if (size >= old.readPos()) {
        copy.splitter = old;
      } else {
        old.flush(tracking.sinkFor(t));
        copy.splitter = tracking.newSplitter(size);
      }
      copy.classified = true;
      copy.copySource = false;
      copy.heldFor = null;
      copy.loadHead(options.fingerprintBytes());
      copy.observe(size, now);
      tracking.copiesFollowed++;
      tracking.note(
          "%s was truncated; its unread rest from offset %d is read from the copy %s",
          t, old.lineStart(), copy.path);
    } else {
      old.flush(tracking.sinkFor(t));
      tracking.note(
          "%s was truncated at offset %d and no copy was found: lines written between"
              + " our last read and the truncation are lost",
          t, old.readPos());
    }
    t.splitter = tracking.newSplitter(0);
    t.loadHead(options.fingerprintBytes());
  }

  /** The copy of {@code t}'s old content: a held file or an untracked file next to it. */
  private @Nullable TrackedFile findCopy(TrackedFile t, Instant now) {
    byte[] head = t.head;
    if (head.length == 0) {
      return null;
    }
    List<Path> paths = new ArrayList<>();
    for (Path dir : FileIdentity.directoriesOf(t.path)) {
      try (Stream<Path> list = Files.list(dir)) {
        list.sorted().forEach(paths::add);
      } catch (IOException | RuntimeException e) {
        // an unreadable directory only narrows the search
      }
    }
    Path best = null;
    TrackedFile bestTracked = null;
    String bestKey = null;
    boolean bestCovers = false;
    FileTime bestTime = FileTime.fromMillis(Long.MIN_VALUE);
    for (Path p : paths) {
      if (p.equals(t.path) || !Files.isRegularFile(p)) {
        continue;
      }
      try {
        String key = FileIdentity.key(p);
        TrackedFile known = tracking.byKey(key);
        if (known != null && known.classified) {
          continue; // being read already: not a copy we may continue in
        }
        byte[] candidateHead;
        long size;
        if (known != null) {
          candidateHead = FileIdentity.readHead(known.channel, head.length);
          size = known.size();
        } else {
          try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            candidateHead = FileIdentity.readHead(ch, head.length);
            size = ch.size();
          }
        }
        if (!FileIdentity.samePrefix(candidateHead, head, head.length)) {
          continue;
        }
        boolean covers = size >= t.splitter.readPos();
        FileTime time = Files.getLastModifiedTime(p);
        if (best == null
            || (covers && !bestCovers)
            || (covers == bestCovers && time.compareTo(bestTime) > 0)) {
          best = p;
          bestTracked = known;
          bestKey = key;
          bestCovers = covers;
          bestTime = time;
        }
      } catch (IOException e) {
        // vanished or unreadable: not the copy
      }
    }
    if (best == null || bestTracked != null) {
      return bestTracked;
    }
    try {
      TrackedFile copy = TrackedFile.open(best, bestKey, options.maxLineBytes(), now);
      copy.attached = globs.matches(best);
      tracking.add(copy);
      return copy;
    } catch (IOException e) {
      tracking.readErrors++;
      tracking.note("cannot open %s, the copy of %s: %s", best, t, e);
      return null;
    }
  }

  /** Decides, for each held file, whether it is still a possible copy. */
  void classifyHeld(Instant now) {
    for (TrackedFile t : List.copyOf(tracking.files)) {
      if (t.classified) {
        continue;
      }
      try {
        long size = t.size();
        t.observe(size, now);
        t.loadHead(options.fingerprintBytes()); // nothing was read yet: the head may have changed
        if (!t.attached || !t.copySource) {
          t.classified = true; // renamed or deleted while held: not a copy in the making
          continue;
        }
        if (size == 0) {
          continue;
        }
        if (t.heldSince == null) {
          t.heldSince = now;
        }
        TrackedFile original = originalOf(t);
        TrackedFile previous = t.heldFor;
        if (original != null) {
          t.heldFor = original;
          if (!now.isBefore(t.lastGrowth.plus(options.rotatedFileGrace()))
              || !now.isBefore(Objects.requireNonNull(t.heldSince).plus(options.maxCopyHold()))) {
            release(t, original, size);
          }
        } else if (previous != null
            && FileIdentity.samePrefix(t.head, previous.head, t.head.length)) {
          release(t, previous, size); // the original went away (renamed) without a truncation
        } else {
          t.classified = true; // a new file: read from its beginning
        }
      } catch (IOException e) {
        tracking.failed(t, e);
      }
    }
  }

  /** Ends the hold of a file that starts like {@code original}, which was not truncated. */
  private void release(TrackedFile t, TrackedFile original, long size) throws IOException {
    t.classified = true;
    t.heldFor = null;
    if (t.head.length == options.fingerprintBytes()) {
      t.splitter = tracking.newSplitter(t.endOfLastLine(size, options.maxLineBytes()));
      tracking.note(
          "%s starts like %s, which was not truncated: taking it as a copy, reading"
              + " only what is appended to it",
          t, original);
    } else {
      tracking.note(
          "%s starts like %s, which was not truncated: reading it as a new file", t, original);
    }
  }

  /** A tracked, never renamed file in the same directory whose head {@code t}'s head begins. */
  private @Nullable TrackedFile originalOf(TrackedFile t) {
    for (TrackedFile u : tracking.files) {
      if (u != t
          && u.attached
          && u.classified
          && u.copySource
          && Objects.equals(u.path.getParent(), t.path.getParent())
          && FileIdentity.samePrefix(t.head, u.head, t.head.length)) {
        return u;
      }
    }
    return null;
  }
}
