package io.mcpwatch.source.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The polling algorithm behind {@link FileTailer}; not thread-safe. One {@link #poll()}:
 *
 * <ol>
 *   <li>checks every tracked path: a different file key (or none) means the file was rotated by
 *       rename or deleted; it stays open and is read to its end, then closed once it has not grown
 *       for the grace period. A file smaller than our read position, or whose first bytes changed,
 *       was truncated (copytruncate): its unread rest is looked for in a copy in the same
 *       directory, and it is read again from byte 0;
 *   <li>expands the globs (after a rotation, else every scan interval); files found after startup
 *       are read from their beginning;
 *   <li>holds back new files whose first bytes equal a tracked file's (a copytruncate copy in the
 *       making) until that file is truncated, they diverge, or the hold times out;
 *   <li>reads rotated files first, then the others round-robin, within the byte budget;
 *   <li>closes drained rotated files and builds the checkpoints.
 * </ol>
 */
final class TailEngine {
  private final GlobSet globs;
  private final TailOptions options;
  private final InstantSource clock;
  private final List<TrackedFile> files = new ArrayList<>();
  private final Set<Path> reportedOpenFailures = new HashSet<>();
  private @Nullable Instant lastScan;
  private int roundRobin;
  private List<FileCheckpoint> lastCheckpoints = List.of();
  private List<TailLine> out = new ArrayList<>();
  private List<String> notices = new ArrayList<>();
  private final Counters counters = new Counters();

  TailEngine(GlobSet globs, TailOptions options, InstantSource clock) {
    this.globs = globs;
    this.options = options;
    this.clock = clock;
  }

  /** Tracks the files the globs match now, starting at {@link TailOptions#startAt()}. */
  void startFresh() {
    scan(clock.instant(), options.startAt());
  }

  /** Tracks the checkpointed files at their checkpoints, then the others. */
  void startResumed(Collection<FileCheckpoint> restored) {
    Instant now = clock.instant();
    Restore.Plan plan = Restore.plan(restored, globs.expand(), globs);
    notices.addAll(plan.notices());
    counters.checkpointsLost += plan.lost();
    for (Restore.Claim claim : plan.claims()) {
      FileCheckpoint cp = claim.checkpoint();
      try {
        TrackedFile t = TrackedFile.open(claim.path(), claim.key(), options.maxLineBytes(), now);
        if (cp != null) {
          t.splitter = new LineSplitter(options.maxLineBytes(), cp.offset());
        }
        t.attached = claim.inGlob();
        t.copySource = claim.inGlob() && !claim.renamed();
        long size = t.size();
        t.loadHead(options.fingerprintBytes());
        t.observe(size, now);
        add(t);
      } catch (IOException e) {
        counters.readErrors++;
        if (cp != null && cp.offset() > 0) {
          counters.checkpointsLost++;
        }
        note("cannot reopen %s: %s", claim.path(), e);
      }
    }
    scan(now, options.resumeUnknownAt());
  }

  TailBatch poll() {
    Instant now = clock.instant();
    boolean rotated = checkTracked(now);
    if (rotated
        || lastScan == null
        || !now.isBefore(lastScan.plus(options.scanInterval()))) {
      scan(now, StartAt.BEGINNING);
    }
    classifyHeld(now);
    boolean more = readAll(now);
    closeDrained(now);
    List<FileCheckpoint> checkpoints = checkpoints();
    boolean changed = !checkpoints.equals(lastCheckpoints);
    lastCheckpoints = checkpoints;
    TailBatch batch = new TailBatch(out, checkpoints, changed, more, notices);
    out = new ArrayList<>();
    notices = new ArrayList<>();
    return batch;
  }

  List<FileCheckpoint> checkpoints() {
    List<FileCheckpoint> result = new ArrayList<>();
    for (TrackedFile t : files) {
      if (t.classified) {
        result.add(t.checkpoint());
      }
    }
    result.sort(Comparator.comparing(FileCheckpoint::path)
        .thenComparingLong(FileCheckpoint::offset));
    return result;
  }

  TailStats stats() {
    return counters.snapshot();
  }

  void close() {
    files.forEach(TrackedFile::closeQuietly);
    files.clear();
  }

  // ---- 1. renames, deletions, truncations

  private boolean checkTracked(Instant now) {
    boolean rotated = false;
    for (TrackedFile t : List.copyOf(files)) {
      if (!t.attached) {
        continue;
      }
      String key;
      try {
        key = FileIdentity.key(t.path);
      } catch (NoSuchFileException e) {
        detach(t, now, "was deleted or renamed away");
        rotated = true;
        continue;
      } catch (IOException e) {
        failed(t, e);
        continue;
      }
      if (!Objects.equals(key, t.key)) {
        detach(t, now, "was rotated (another file now has its name)");
        rotated = true;
        continue;
      }
      if (!t.classified) {
        continue;
      }
      try {
        long size = t.size();
        if (size != t.lastSize) {
          if (size < t.splitter.readPos() || !t.headUnchanged(options.fingerprintBytes())) {
            truncated(t, now);
          }
          t.observe(size, now);
        }
        t.failing = false;
      } catch (IOException e) {
        failed(t, e);
      }
    }
    return rotated;
  }

  private void detach(TrackedFile t, Instant now, String what) {
    t.attached = false;
    t.copySource = false;
    t.lastGrowth = now;
    counters.rotations++;
    note("%s %s: reading it to its end", t, what);
  }

  private void truncated(TrackedFile t, Instant now) throws IOException {
    counters.truncations++;
    LineSplitter old = t.splitter;
    TrackedFile copy = findCopy(t, now);
    if (copy != null) {
      long size = copy.size();
      if (size >= old.readPos()) {
        copy.splitter = old;
      } else {
        old.flush(sinkFor(t));
        copy.splitter = new LineSplitter(options.maxLineBytes(), size);
      }
      copy.classified = true;
      copy.copySource = false;
      copy.loadHead(options.fingerprintBytes());
      copy.observe(size, now);
      counters.copiesFollowed++;
      note("%s was truncated; its unread rest from offset %d is read from the copy %s",
          t, old.lineStart(), copy.path);
    } else {
      old.flush(sinkFor(t));
      note("%s was truncated at offset %d and no copy was found: lines written between our last"
          + " read and the truncation are lost", t, old.readPos());
    }
    t.splitter = new LineSplitter(options.maxLineBytes(), 0);
    t.loadHead(options.fingerprintBytes());
  }

  /** The copy of {@code t}'s old content: a held file or an untracked file in its directory. */
  private @Nullable TrackedFile findCopy(TrackedFile t, Instant now) {
    byte[] head = t.head;
    Path dir = t.path.getParent();
    if (head.length == 0 || dir == null) {
      return null;
    }
    List<Path> paths;
    try (Stream<Path> list = Files.list(dir)) {
      paths = list.sorted().toList();
    } catch (IOException | RuntimeException e) {
      return null;
    }
    Path best = null;
    TrackedFile bestTracked = null;
    String bestKey = null;
    boolean bestCovers = false;
    FileTime bestTime = null;
    for (Path p : paths) {
      if (p.equals(t.path) || !Files.isRegularFile(p)) {
        continue;
      }
      try {
        String key = FileIdentity.key(p);
        TrackedFile known = byKey(key);
        if (known != null && known.classified) {
          continue;
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
        if (best == null || (covers && !bestCovers)
            || (covers == bestCovers && time.compareTo(Objects.requireNonNull(bestTime)) > 0)) {
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
      add(copy);
      return copy;
    } catch (IOException e) {
      counters.readErrors++;
      note("cannot open %s, the copy of %s: %s", best, t, e);
      return null;
    }
  }

  // ---- 2. new files

  private void scan(Instant now, StartAt unknownAt) {
    lastScan = now;
    for (Path p : globs.expand()) {
      String key;
      try {
        key = FileIdentity.key(p);
      } catch (IOException e) {
        continue;
      }
      TrackedFile known = key == null ? byAttachedPath(p) : byKey(key);
      if (known != null) {
        moved(known, p);
        continue;
      }
      try {
        TrackedFile t = TrackedFile.open(p, key, options.maxLineBytes(), now);
        long size = t.size();
        if (unknownAt == StartAt.END) {
          t.splitter = new LineSplitter(options.maxLineBytes(), endOfLastLine(t, size));
        } else {
          t.classified = false;
        }
        t.loadHead(options.fingerprintBytes());
        t.observe(size, now);
        add(t);
        reportedOpenFailures.remove(p);
      } catch (IOException e) {
        if (reportedOpenFailures.add(p)) {
          counters.readErrors++;
          note("cannot open %s: %s", p, e);
        }
      }
    }
  }

  /** A tracked file found under {@code p}: follow it if it was renamed there. */
  private void moved(TrackedFile t, Path p) {
    if (t.path.equals(p)) {
      t.attached = true;
      return;
    }
    if (t.attached) {
      try {
        if (Objects.equals(FileIdentity.key(t.path), t.key)) {
          return; // a second name (hard link, symlink) of a file still at its own path
        }
      } catch (IOException e) {
        // its old name is gone: it was renamed
      }
    }
    note("%s is now %s", t, p);
    t.path = p;
    t.attached = true;
    t.copySource = false;
  }

  private long endOfLastLine(TrackedFile t, long size) throws IOException {
    int window = (int) Math.min(size, options.maxLineBytes() + 1L);
    byte[] tail = new byte[window];
    int got = FileIdentity.readFully(t.channel, tail, 0, window, size - window);
    for (int i = got - 1; i >= 0; i--) {
      if (tail[i] == '\n') {
        return size - window + i + 1;
      }
    }
    return size <= options.maxLineBytes() ? 0 : size;
  }

  // ---- 3. possible copies

  private void classifyHeld(Instant now) {
    for (TrackedFile t : List.copyOf(files)) {
      if (t.classified || !t.attached) {
        continue;
      }
      try {
        long size = t.size();
        t.observe(size, now);
        if (size == 0) {
          continue;
        }
        if (t.heldSince == null) {
          t.heldSince = now;
        }
        t.loadHead(options.fingerprintBytes());
        TrackedFile original = originalOf(t);
        if (original == null) {
          t.classified = true;
        } else if (!now.isBefore(t.lastGrowth.plus(options.rotatedFileGrace()))
            || !now.isBefore(t.heldSince.plus(options.maxCopyHold()))) {
          t.classified = true;
          if (t.head.length == options.fingerprintBytes()) {
            t.splitter = new LineSplitter(options.maxLineBytes(), endOfLastLine(t, size));
            note("%s starts like %s but that was not truncated: taking it as a copy, reading only"
                + " what is appended to it", t, original);
          } else {
            note("%s starts like %s but that was not truncated: reading it as a new file",
                t, original);
          }
        }
      } catch (IOException e) {
        failed(t, e);
      }
    }
  }

  private @Nullable TrackedFile originalOf(TrackedFile t) {
    for (TrackedFile u : files) {
      if (u != t && u.attached && u.classified && u.copySource
          && Objects.equals(u.path.getParent(), t.path.getParent())
          && FileIdentity.samePrefix(t.head, u.head, t.head.length)) {
        return u;
      }
    }
    return null;
  }

  // ---- 4. reading

  private boolean readAll(Instant now) {
    List<TrackedFile> order = new ArrayList<>();
    List<TrackedFile> attached = new ArrayList<>();
    for (TrackedFile t : files) {
      if (t.classified) {
        (t.attached ? attached : order).add(t);
      }
    }
    if (!attached.isEmpty()) {
      int first = Math.floorMod(roundRobin++, attached.size());
      order.addAll(attached.subList(first, attached.size()));
      order.addAll(attached.subList(0, first));
    }
    long budget = options.maxBytesPerPoll();
    boolean more = false;
    for (TrackedFile t : order) {
      try {
        long size = t.size();
        t.observe(size, now);
        long available = size - t.splitter.readPos();
        if (available <= 0) {
          continue;
        }
        if (budget == 0) {
          more = true;
          continue;
        }
        int n = (int) Math.min(available, budget);
        byte[] buf = t.splitter.buffer(n);
        int got = FileIdentity.readFully(
            t.channel, buf, t.splitter.pendingLength(), n, t.splitter.readPos());
        t.splitter.accept(buf, got, sinkFor(t));
        budget -= got;
        counters.bytes += got;
        more |= got < available;
        t.failing = false;
      } catch (IOException e) {
        failed(t, e);
      }
    }
    return more;
  }

  private LineSplitter.Sink sinkFor(TrackedFile t) {
    String source = t.path.toString();
    String key = t.key;
    return (array, start, length, offset, endOffset, truncated, terminated) -> {
      out.add(new TailLine(source, key, array, start, length, offset, endOffset, truncated,
          terminated));
      counters.lines++;
      if (truncated) {
        counters.truncatedLines++;
      }
      if (!terminated) {
        counters.unterminatedLines++;
      }
    };
  }

  // ---- 5. closing rotated files

  private void closeDrained(Instant now) {
    for (TrackedFile t : List.copyOf(files)) {
      if (t.attached || now.isBefore(t.lastGrowth.plus(options.rotatedFileGrace()))) {
        continue;
      }
      if (t.classified && t.splitter.readPos() < t.lastSize) {
        continue;
      }
      if (t.classified) {
        t.splitter.flush(sinkFor(t));
      }
      t.closeQuietly();
      files.remove(t);
      counters.filesClosed++;
      note("%s closed: rotated and idle for %s", t, options.rotatedFileGrace());
    }
  }

  // ---- helpers

  private void add(TrackedFile t) {
    files.add(t);
    counters.filesOpened++;
  }

  private @Nullable TrackedFile byKey(@Nullable String key) {
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

  private @Nullable TrackedFile byAttachedPath(Path p) {
    for (TrackedFile t : files) {
      if (t.attached && t.path.equals(p)) {
        return t;
      }
    }
    return null;
  }

  private void failed(TrackedFile t, IOException e) {
    if (!t.failing) {
      t.failing = true;
      counters.readErrors++;
      note("cannot read %s (will retry): %s", t, e);
    }
  }

  private void note(String format, Object... args) {
    notices.add(String.format(Locale.ROOT, format, args));
  }

  private static final class Counters {
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

    TailStats snapshot() {
      return new TailStats(lines, bytes, truncatedLines, unterminatedLines, rotations, truncations,
          copiesFollowed, filesOpened, filesClosed, checkpointsLost, readErrors);
    }
  }
}
