package io.mcpwatch.live;

import io.mcpwatch.source.tail.FileCheckpoint;
import io.mcpwatch.source.tail.FileTailer;
import io.mcpwatch.source.tail.PossibleGaps;
import io.mcpwatch.source.tail.TailBatch;
import io.mcpwatch.source.tail.TailOptions;
import io.mcpwatch.source.tail.TailStats;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails one file source on its own named daemon thread: polls the {@link FileTailer}, decodes the
 * lines and queues each batch, with the checkpoints valid after it, for the engine thread. The
 * first batch carries only the starting checkpoints, so that a crash before any line still resumes
 * instead of starting at the end again. A checkpoint never passes the start of an event that is
 * still incomplete (a Docker line split over records).
 */
final class FileSource implements LogSource {
  private static final Logger log = LoggerFactory.getLogger(FileSource.class);
  private static final boolean UNIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

  private final SourceSpec spec;
  private final FileTailer tailer;
  private final BatchDecoder decoder;
  private final Inbox inbox;
  private final InstantSource clock;
  private final Set<String> seenFiles = new HashSet<>();
  private final Thread thread;
  private volatile boolean open = true;
  private volatile InputCounts read = InputCounts.ZERO; // written by this source's thread only
  private volatile PossibleGaps gaps; // written by this source's thread only

  private FileSource(
      SourceSpec spec,
      FileTailer tailer,
      BatchDecoder decoder,
      Inbox inbox,
      InstantSource clock,
      PossibleGaps gaps) {
    this.spec = spec;
    this.gaps = gaps;
    this.tailer = tailer;
    this.decoder = decoder;
    this.inbox = inbox;
    this.clock = clock;
    this.thread = new Thread(this::loop, "mcpwatch-source-" + spec.label().replace(' ', '_'));
    this.thread.setDaemon(true);
  }

  /**
   * Opens the files: resumes from {@code restored} when the source committed before (even an
   * empty list), else starts at {@link SourceSpec#startAt()}.
   */
  static FileSource open(
      SourceSpec spec,
      @Nullable List<FileCheckpoint> restored,
      Duration pollInterval,
      Inbox inbox,
      InstantSource clock) {
    return open(spec, restored, PossibleGaps.NONE, pollInterval, inbox, clock);
  }

  /**
   * Like {@link #open(SourceSpec, List, Duration, Inbox, InstantSource)}, continuing the possible
   * gaps the source committed before: the ones found from now on are added and committed with
   * every batch's checkpoints.
   */
  static FileSource open(
      SourceSpec spec,
      @Nullable List<FileCheckpoint> restored,
      PossibleGaps restoredGaps,
      Duration pollInterval,
      Inbox inbox,
      InstantSource clock) {
    BatchDecoder decoder = new BatchDecoder(spec);
    TailOptions options =
        TailOptions.defaults()
            .withStartAt(spec.startAt())
            .withPollInterval(pollInterval)
            .withMaxLineBytes(decoder.maxLineBytes())
            .withMaxBytesPerPoll(1 << 20);
    FileTailer tailer =
        restored == null
            ? FileTailer.start(spec.globs(), options, clock)
            : FileTailer.resume(spec.globs(), options, restored, clock);
    return new FileSource(spec, tailer, decoder, inbox, clock, restoredGaps);
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public void start() {
    thread.start();
  }

  private void loop() {
    try {
      List<FileCheckpoint> first = tailer.checkpoints();
      List<String> found = discovered(first, true);
      if (!inbox.put(batch(first, List.of(), List.of(), found, BatchDecoder.Decoded.EMPTY), () -> open)) {
        return;
      }
      tailer.run(this::handle);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (open) {
        log.error("source {} stopped: {}", spec.label(), e.toString());
      }
    }
  }

  private void handle(TailBatch b) throws InterruptedException {
    BatchDecoder.Decoded d = decoder.decode(b.lines(), clock.millis());
    read = read.plus(d.counts());
    if (!b.gaps().isEmpty()) {
      PossibleGaps g = gaps;
      for (String reason : b.gaps()) {
        g = g.plus(clock.instant(), reason);
      }
      gaps = g;
    }
    List<String> found =
        b.checkpointsChanged() ? discovered(b.checkpoints(), false) : List.of();
    inbox.put(batch(holdBack(b.checkpoints()), b.notices(), b.gaps(), found, d), () -> open);
  }

  /**
   * The checkpoints, with the file whose event is still incomplete (a Docker record without its
   * final part) held at the line that began it: a restart then reads every part again, and the
   * events before it, already counted, are not read twice.
   */
  private List<FileCheckpoint> holdBack(List<FileCheckpoint> checkpoints) {
    BatchDecoder.Start start = decoder.pendingStart();
    if (start == null) {
      return checkpoints;
    }
    List<FileCheckpoint> out = new ArrayList<>(checkpoints.size());
    for (FileCheckpoint c : checkpoints) {
      boolean same = start.fileKey() != null ? start.fileKey().equals(c.fileKey())
          : start.source().equals(c.path());
      out.add(same && c.offset() > start.offset()
          ? c.at(start.offset())
          : c);
    }
    return out;
  }

  private SourceBatch batch(
      List<FileCheckpoint> checkpoints,
      List<String> notices,
      List<String> gapReasons,
      List<String> found,
      BatchDecoder.Decoded d) {
    List<String> all = new ArrayList<>(notices.size() + found.size());
    all.addAll(found);
    all.addAll(notices);
    if (!gapReasons.isEmpty()) {
      all.replaceAll(n -> gapReasons.contains(n) ? "possible gap: " + n : n);
    }
    return new SourceBatch(spec, d.events(), checkpoints, d.counts(), all, d.problems(), gaps);
  }

  /** One notice per file not seen before in this source's checkpoints. */
  private List<String> discovered(List<FileCheckpoint> checkpoints, boolean atStart) {
    List<String> out = new ArrayList<>(0);
    for (FileCheckpoint c : checkpoints) {
      String id = c.fileKey() != null ? c.fileKey() : c.path();
      if (seenFiles.add(id)) {
        out.add(atStart
            ? "following " + c.path() + " from byte " + c.offset()
            : "following " + c.path() + " (new file)");
      }
    }
    return out;
  }

  @Override
  public InputCounts read() {
    return read;
  }

  /** The possible gaps of this source so far (restored ones included). */
  PossibleGaps gaps() {
    return gaps;
  }

  @Override
  public SourceProgress progress() {
    List<FileCheckpoint> cps = tailer.checkpoints();
    TailStats t = tailer.stats();
    long lag = 0;
    for (FileCheckpoint c : cps) {
      lag += unread(c);
    }
    return new SourceProgress(lag, cps.size(), t.rotations(), t.truncations(), t.readErrors(),
        t.checkpointsLost());
  }

  /** Bytes after the checkpoint in the file now at its path, if it is still the same file. */
  private static long unread(FileCheckpoint c) {
    try {
      Path p = Path.of(c.path());
      long size;
      if (UNIX) {
        Map<String, Object> a = Files.readAttributes(p, "unix:dev,ino,size");
        String key = a.get("dev") + ":" + a.get("ino");
        if (c.fileKey() != null && !c.fileKey().equals(key)) {
          return 0; // rotated: another file has the name now (it has a checkpoint of its own)
        }
        size = ((Number) a.get("size")).longValue();
      } else {
        size = Files.size(p);
      }
      return Math.max(0, size - c.offset());
    } catch (IOException | RuntimeException e) {
      return 0; // gone or unreadable: nothing more to read from it
    }
  }

  @Override
  public void close() {
    open = false;
    tailer.close();
  }

  @Override
  public void join(Duration timeout) throws InterruptedException {
    thread.join(Math.max(1, timeout.toMillis()));
  }
}
