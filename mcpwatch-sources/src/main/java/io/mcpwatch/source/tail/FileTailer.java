package io.mcpwatch.source.tail;

import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Follows the log files matched by globs, across rotation by rename and by copytruncate, and
 * returns complete lines with exact checkpoints.
 *
 * <pre>{@code
 * FileTailer tailer = stored.isPresent()   // "has this source ever committed?", even with no files
 *     ? FileTailer.resume(globs, TailOptions.defaults(), stored.get(), InstantSource.system())
 *     : FileTailer.start(globs, TailOptions.defaults(), InstantSource.system());
 * db.inTransaction(tx -> tx.replaceCheckpoints(tailer.checkpoints()));   // before the first batch
 * tailer.run(batch -> db.inTransaction(tx -> {
 *   batch.lines().forEach(line -> aggregate(tx, line));   // decode with the readers' LineDecoder
 *   tx.replaceCheckpoints(batch.checkpoints());
 * }));
 * }</pre>
 *
 * <p><b>Exactness.</b> Each batch's checkpoints are the positions just after its lines (and all
 * earlier ones). Committed together with the lines' effects, they let {@link #resume} continue
 * after a crash (even {@code kill -9}) without losing or repeating a line. Commit {@link
 * #checkpoints()} once right after {@link #start}, so that a crash before the first batch resumes
 * instead of starting at the end again. If a commit fails, close this tailer and resume a new one
 * from the last committed checkpoints: this one has already moved on in memory.
 *
 * <p><b>Which files, from where.</b> On {@link #start} the files the globs match are read from
 * {@link TailOptions#startAt()} (default: their end). Files that appear later are new content and
 * are read from their beginning. On {@link #resume} each checkpoint's file is found by its key
 * (even if it was renamed, e.g. to {@code app.log.1}, or behind a symbolic link, while we were
 * down: it is read to its end), else by its head fingerprint (a copytruncate copy in the same
 * directory); a file with the checkpoint's key whose content changed is read from its start;
 * matching files without a checkpoint start at {@link TailOptions#resumeUnknownAt()} (default:
 * their beginning, as they were created while we were down). With that default, the generations
 * rotated away while we were down after the newest checkpointed one, under names the globs do not
 * match ({@code app.log.1}, {@code app.log-20261206}), are read too, oldest first, each from its
 * beginning: only those newer than it by both their logrotate name and their modification time
 * whose identity has no checkpoint (never read: every file the last run closed was older). What
 * cannot be followed is reported as a possible gap ({@link TailBatch#gaps()}): a checkpointed file
 * that is gone (deleted, compressed), a newer generation that is compressed, copytruncate run more
 * than once, names and times that disagree.
 *
 * <p><b>Rotation.</b> Files are polled, not watched ({@code WatchService} is unreliable across
 * rotations and on network file systems). A renamed or deleted file stays open and is read to its
 * end, before the new file under its name, and closed once it has not grown for {@link
 * TailOptions#rotatedFileGrace()}. A file that shrinks below the read position or whose first bytes
 * change was truncated (copytruncate): the lines not read yet are taken from the copy, a file next
 * to it with the same first bytes, and the file is read again from byte 0. A new file that starts
 * like a tracked one is held back until that file is truncated (then it is the copy) or the hold
 * ends (see {@link TailOptions#maxCopyHold()}).
 *
 * <p><b>Known limits.</b>
 *
 * <ul>
 *   <li>copytruncate: lines written between the copy and the truncation are in neither file and are
 *       lost by any tailer. A file truncated and refilled past our position with the same first
 *       bytes, or to the same size, between two polls is not noticed. A file copied and truncated
 *       while it was empty at our last look (all of its content came and went between two polls, or
 *       while we were down) has its copy read only if the globs match it.
 *   <li>A file rotated more than once while we were down: the generations in between are read only
 *       with logrotate's naming (a counter, or a date/time suffix), uncompressed, in the same
 *       directory, with modification times in rotation order; otherwise a possible gap is reported.
 *       Compressed rotations are never read. Equal modification times (a generation written within
 *       the file system's clock resolution of the previous one) count as disagreeing.
 *   <li>A writer that keeps writing to a rotated file longer than the grace loses those lines.
 *   <li>Files are identified by {@code dev:inode}; on file systems without file keys rotation by
 *       rename is not detected.
 *   <li>Globs that match rotated names keep every such file open (one descriptor each) until it is
 *       deleted; prefer globs matching the live names only: rotated files are drained anyway.
 * </ul>
 *
 * <p>{@link #poll()} and {@link #close()} may be called from different threads; polls must not
 * overlap.
 */
public final class FileTailer implements AutoCloseable {
  /** Receives each non-empty batch from {@link #run}; commits it or throws. */
  @FunctionalInterface
  public interface BatchHandler {
    void accept(TailBatch batch) throws Exception;
  }

  private final TailEngine engine;
  private final TailOptions options;
  private final Object wake = new Object();
  private volatile boolean closed;

  private FileTailer(TailEngine engine, TailOptions options) {
    this.engine = engine;
    this.options = options;
  }

  /**
   * Starts with no previous state: existing files are read from {@link TailOptions#startAt()}.
   *
   * @throws IllegalArgumentException if a glob is not valid
   */
  public static FileTailer start(List<String> globs, TailOptions options, InstantSource clock) {
    FileTailer tailer = create(globs, options, clock);
    tailer.engine.startFresh();
    return tailer;
  }

  /**
   * Continues from the checkpoints of the last committed batch (an empty collection means we ran
   * before and tracked no file: every file found is read from {@link
   * TailOptions#resumeUnknownAt()}).
   *
   * @throws IllegalArgumentException if a glob is not valid
   */
  public static FileTailer resume(
      List<String> globs,
      TailOptions options,
      Collection<FileCheckpoint> restored,
      InstantSource clock) {
    FileTailer tailer = create(globs, options, clock);
    tailer.engine.startResumed(List.copyOf(restored));
    return tailer;
  }

  private static FileTailer create(List<String> globs, TailOptions options, InstantSource clock) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(clock, "clock");
    return new FileTailer(
        new TailEngine(GlobSet.parse(List.copyOf(globs)), options, clock), options);
  }

  /**
   * Reads what is available now, up to {@link TailOptions#maxBytesPerPoll()}; never blocks on new
   * data and never throws for I/O problems (they are reported in {@link TailBatch#notices()}).
   *
   * @throws IllegalStateException if the tailer is closed
   */
  public synchronized TailBatch poll() {
    if (closed) {
      throw new IllegalStateException("the tailer is closed");
    }
    return engine.poll();
  }

  /** The checkpoints of all tracked files now (the same as the last batch's). */
  public synchronized List<FileCheckpoint> checkpoints() {
    return engine.checkpoints();
  }

  public synchronized TailStats stats() {
    return engine.stats();
  }

  /**
   * Polls until {@link #close()}, handing each non-empty batch to {@code handler} in this thread
   * and sleeping {@link TailOptions#pollInterval()} when a poll found nothing more to read.
   *
   * @throws Exception what the handler threw (the tailer stays open: close it and resume a new one
   *     from the last committed checkpoints)
   */
  public void run(BatchHandler handler) throws Exception {
    Objects.requireNonNull(handler, "handler");
    long sleepNanos = options.pollInterval().toNanos();
    while (!closed) {
      TailBatch batch;
      synchronized (this) {
        if (closed) {
          return;
        }
        batch = engine.poll();
      }
      if (!batch.isEmpty()) {
        handler.accept(batch);
      }
      if (!batch.hasMore()) {
        synchronized (wake) {
          if (!closed) {
            TimeUnit.NANOSECONDS.timedWait(wake, sleepNanos);
          }
        }
      }
    }
  }

  /** Stops {@link #run} and closes all files. Idempotent. */
  @Override
  public void close() {
    closed = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    synchronized (this) {
      engine.close();
    }
  }
}
