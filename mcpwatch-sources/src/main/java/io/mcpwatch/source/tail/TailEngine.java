package io.mcpwatch.source.tail;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;

/**
 * The polling algorithm behind {@link FileTailer}; not thread-safe. One {@link #poll()}:
 *
 * <ol>
 *   <li>checks every tracked file: one smaller than our read position, or whose first bytes
 *       changed, was truncated ({@link CopyTruncate}); a different file key (or none) at its path
 *       means it was rotated by rename or deleted: it stays open and is read to its end, then
 *       closed once it has not grown for the grace period;
 *   <li>expands the globs (after a rotation, else every scan interval); files found after startup
 *       are read from their beginning;
 *   <li>decides about new files held as possible copies ({@link CopyTruncate#classifyHeld});
 *   <li>reads rotated files first, then the others round-robin, within the byte budget;
 *   <li>closes drained rotated files and builds the checkpoints.
 * </ol>
 */
final class TailEngine {
  private final GlobSet globs;
  private final TailOptions options;
  private final InstantSource clock;
  private final Tracking tracking;
  private final CopyTruncate copies;
  private final Set<Path> reportedOpenFailures = new HashSet<>();
  private @Nullable Instant lastScan;
  private int roundRobin;
  private List<FileCheckpoint> lastCheckpoints = List.of();

  TailEngine(GlobSet globs, TailOptions options, InstantSource clock) {
    this.globs = globs;
    this.options = options;
    this.clock = clock;
    this.tracking = new Tracking(options);
    this.copies = new CopyTruncate(tracking, globs);
  }

  /** Tracks the files the globs match now, starting at {@link TailOptions#startAt()}. */
  void startFresh() {
    scan(clock.instant(), options.startAt());
  }

  /** Tracks the checkpointed files at their checkpoints, then the others. */
  void startResumed(Collection<FileCheckpoint> restored) {
    Instant now = clock.instant();
    Restore.Plan plan =
        Restore.plan(
            restored, globs.expand(), globs, options.resumeUnknownAt() == StartAt.BEGINNING);
    tracking.notes(plan.notices());
    tracking.checkpointsLost += plan.lost();
    plan.gaps().forEach(tracking::gap);
    for (Restore.Claim claim : plan.claims()) {
      FileCheckpoint cp = claim.checkpoint();
      try {
        TrackedFile t = openClaim(claim, options.maxLineBytes(), now);
        boolean moved = !t.path.equals(claim.path()); // rotated since the plan
        if (moved) {
          tracking.note("%s was rotated to %s while restoring; continuing there", claim.path(),
              t.path);
        }
        if (cp != null) {
          t.splitter = tracking.newSplitter(cp.offset());
        }
        t.attached = moved ? globs.matches(t.path) : claim.inGlob();
        t.copySource = t.attached && !claim.renamed() && !moved;
        // nothing was read from a file checkpointed at 0: it may be a copy in the making
        t.classified = cp == null || cp.offset() > 0 || !t.copySource;
        long size = t.size();
        t.loadHead(options.fingerprintBytes());
        t.observe(size, now);
        tracking.add(t);
      } catch (IOException e) {
        tracking.readErrors++;
        if (cp != null && cp.offset() > 0) {
          tracking.checkpointsLost++;
        }
        tracking.note("cannot reopen %s: %s", claim.path(), e);
      }
    }
    scan(now, options.resumeUnknownAt());
  }

  /**
   * Opens a claimed file. When it was renamed between the restore plan and the open (a rotation),
   * it is found again by its identity (dev:inode) in its directories instead of dropping the
   * checkpoint.
   */
  static TrackedFile openClaim(Restore.Claim claim, int maxLineBytes, Instant now)
      throws IOException {
    try {
      return TrackedFile.open(claim.path(), claim.key(), maxLineBytes, now);
    } catch (IOException e) {
      String key = claim.key();
      if (key == null) {
        throw e;
      }
      IOException last = e;
      for (int attempt = 0; attempt < 3; attempt++) {
        Path moved = Restore.findByKey(claim.path(), key);
        if (moved == null) {
          throw last;
        }
        try {
          return TrackedFile.open(moved, key, maxLineBytes, now);
        } catch (IOException again) {
          last = again; // renamed once more: look again
        }
      }
      throw last;
    }
  }

  TailBatch poll() {
    Instant now = clock.instant();
    List<TrackedFile> rotatedNow = new ArrayList<>();
    boolean rotated = checkTracked(now, rotatedNow);
    SortedSet<Path> matched = null; // the globs expanded once per poll
    if (!rotatedNow.isEmpty()) {
      matched = globs.expand();
      followRotatedAway(rotatedNow, matched, now);
    }
    if (rotated || lastScan == null || !now.isBefore(lastScan.plus(options.scanInterval()))) {
      scan(now, StartAt.BEGINNING, matched != null ? matched : globs.expand());
    }
    copies.classifyHeld(now);
    boolean more = readAll(now);
    closeDrained(now);
    List<FileCheckpoint> checkpoints = checkpoints();
    boolean changed = !checkpoints.equals(lastCheckpoints);
    lastCheckpoints = checkpoints;
    return tracking.finish(checkpoints, changed, more);
  }

  /** One checkpoint per tracked file; a held file's is at offset 0 and it is held again. */
  List<FileCheckpoint> checkpoints() {
    List<FileCheckpoint> result = new ArrayList<>();
    for (TrackedFile t : tracking.files) {
      result.add(t.checkpoint());
    }
    result.sort(
        Comparator.comparing(FileCheckpoint::path).thenComparingLong(FileCheckpoint::offset));
    return result;
  }

  TailStats stats() {
    return tracking.stats();
  }

  void close() {
    tracking.files.forEach(TrackedFile::closeQuietly);
    tracking.files.clear();
  }

  // ---- 1. truncations, renames, deletions

  /** Checks every attached file; the ones rotated away are added to {@code rotatedNow}. */
  private boolean checkTracked(Instant now, List<TrackedFile> rotatedNow) {
    boolean rotated = false;
    for (TrackedFile t : List.copyOf(tracking.files)) {
      if (!t.attached) {
        continue;
      }
      if (t.classified) {
        try {
          long size = t.size(); // through the channel: the same file even if renamed
          if (size != t.lastSize) {
            if (size < t.splitter.readPos() || !t.headUnchanged(options.fingerprintBytes())) {
              copies.truncated(t, now);
            }
            t.observe(size, now);
          }
          t.failing = false;
        } catch (IOException e) {
          tracking.failed(t, e);
          continue;
        }
      }
      String key;
      try {
        key = FileIdentity.key(t.path);
      } catch (NoSuchFileException e) {
        detach(t, now, "was deleted or renamed away");
        rotatedNow.add(t);
        rotated = true;
        continue;
      } catch (IOException e) {
        tracking.failed(t, e);
        continue;
      }
      if (!Objects.equals(key, t.key)) {
        detach(t, now, "was rotated (another file now has its name)");
        rotatedNow.add(t);
        rotated = true;
      }
    }
    return rotated;
  }

  /**
   * After a rotation, before the globs are expanded again: the generations rotated away since the
   * last poll that were never seen under the live name (logrotate ran twice or more in between)
   * are tracked as rotated files read from their beginning, oldest first, so they are read after
   * the file rotated before them and before the new live file ({@link
   * Restore#rotatedBetweenPolls}). Only the directories of the files rotated in this poll are
   * looked at.
   */
  private void followRotatedAway(
      List<TrackedFile> rotatedNow, SortedSet<Path> matched, Instant now) {
    List<FileCheckpoint> rotated = new ArrayList<>();
    for (TrackedFile t : rotatedNow) {
      rotated.add(t.checkpoint());
    }
    Restore.Plan plan = Restore.rotatedBetweenPolls(rotated, matched, globs);
    tracking.notes(plan.notices());
    plan.gaps().forEach(tracking::gap);
    for (Restore.Claim claim : plan.claims()) {
      if (tracking.byKey(claim.key()) != null) {
        continue;
      }
      try {
        TrackedFile t = TrackedFile.open(claim.path(), claim.key(), options.maxLineBytes(), now);
        t.attached = false; // a rotated file: read to its end, closed once idle
        t.copySource = false;
        t.loadHead(options.fingerprintBytes());
        t.observe(t.size(), now);
        tracking.rotations++;
        tracking.add(t);
      } catch (IOException e) {
        tracking.readErrors++;
        String what = String.format(Locale.ROOT,
            "cannot open %s, rotated away between two polls: %s; its lines were not read",
            claim.path(), e);
        tracking.note("%s", what);
        tracking.gap(what);
      }
    }
  }

  private void detach(TrackedFile t, Instant now, String what) {
    t.attached = false;
    t.copySource = false;
    t.lastGrowth = now;
    tracking.rotations++;
    tracking.note("%s %s: reading it to its end", t, what);
  }

  // ---- 2. new files

  private void scan(Instant now, StartAt unknownAt) {
    scan(now, unknownAt, globs.expand());
  }

  private void scan(Instant now, StartAt unknownAt, SortedSet<Path> matched) {
    lastScan = now;
    for (Path p : matched) {
      String key;
      try {
        key = FileIdentity.key(p);
      } catch (IOException e) {
        continue;
      }
      TrackedFile known = key == null ? tracking.byAttachedPath(p) : tracking.byKey(key);
      if (known != null) {
        moved(known, p);
        continue;
      }
      try {
        TrackedFile t = TrackedFile.open(p, key, options.maxLineBytes(), now);
        long size = t.size();
        if (unknownAt == StartAt.END) {
          t.splitter = tracking.newSplitter(t.endOfLastLine(size, options.maxLineBytes()));
        } else {
          t.classified = false; // read from 0 unless it turns out to be a copy
        }
        t.loadHead(options.fingerprintBytes());
        t.observe(size, now);
        tracking.add(t);
        reportedOpenFailures.remove(p);
      } catch (IOException e) {
        if (reportedOpenFailures.add(p)) {
          tracking.readErrors++;
          tracking.note("cannot open %s: %s", p, e);
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
    tracking.note("%s is now %s", t, p);
    t.path = p;
    t.attached = true;
    t.copySource = false;
  }

  // ---- 3. reading

  private boolean readAll(Instant now) {
    List<TrackedFile> order = new ArrayList<>();
    List<TrackedFile> attached = new ArrayList<>();
    for (TrackedFile t : tracking.files) {
      if (t.classified) {
        (t.attached ? attached : order).add(t); // rotated files first
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
        int got =
            FileIdentity.readFully(
                t.channel, buf, t.splitter.pendingLength(), n, t.splitter.readPos());
        t.splitter.accept(buf, got, tracking.sinkFor(t));
        budget -= got;
        tracking.bytes += got;
        more |= got < available;
        t.failing = false;
      } catch (IOException e) {
        tracking.failed(t, e);
      }
    }
    return more;
  }

  // ---- 4. closing rotated files

  private void closeDrained(Instant now) {
    for (TrackedFile t : List.copyOf(tracking.files)) {
      if (t.attached
          || now.isBefore(t.lastGrowth.plus(options.rotatedFileGrace()))
          || (t.classified && t.splitter.readPos() < t.lastSize)) {
        continue;
      }
      if (t.classified) {
        t.splitter.flush(tracking.sinkFor(t));
      }
      t.closeQuietly();
      tracking.files.remove(t);
      tracking.filesClosed++;
      tracking.note("%s closed: rotated and idle for %s", t, options.rotatedFileGrace());
    }
  }
}
