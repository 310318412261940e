package io.mcpwatch.source.tail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9 item 4: generations rotated away while mcpwatch is stopped, and (the same rules) twice or
 * more between two polls while it runs. A writer and logrotate
 * (rename rotation: {@code app.log} → {@code app.log.1} → {@code app.log.2} …, a new {@code
 * app.log}) run on a real file system while no tailer runs; the tailer resumes from the last
 * committed checkpoints with the glob {@code *.log}, which does not match the rotated names.
 * Every line must be read exactly once, or, where that is impossible (compressed generations,
 * copytruncate), the batch must report a possible gap.
 *
 * <p>Modification times are set explicitly a few seconds apart, as rotations every few seconds
 * leave them (a file system's coarse clock would otherwise give equal times in a fast test).
 */
class RotatedWhileDownTest {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock();
  private final TailOptions options = TailOptions.defaults().withScanInterval(Duration.ZERO);
  private final List<FileTailer> tailers = new ArrayList<>();
  private final List<String> written = new ArrayList<>();
  private final List<String> committed = new ArrayList<>();
  // later than the real time of any file this test creates
  private Instant fileTime = Instant.now().plus(Duration.ofHours(1));
  private int seq;

  @AfterEach
  void closeTailers() {
    tailers.forEach(FileTailer::close);
  }

  private Path log() {
    return dir.resolve("app.log");
  }

  private String glob() {
    return dir.resolve("*.log").toString();
  }

  private FileTailer start() {
    FileTailer t = FileTailer.start(List.of(glob()), options, clock);
    tailers.add(t);
    return t;
  }

  private FileTailer resume(List<FileCheckpoint> checkpoints, TailOptions opts) {
    FileTailer t = FileTailer.resume(List.of(glob()), opts, checkpoints, clock);
    tailers.add(t);
    return t;
  }

  /** Appends {@code n} numbered lines to {@code file}; its modification time moves 2 s on. */
  private void write(Path file, int n) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String line = "line-" + ++seq;
      written.add(line);
      text.append(line).append('\n');
    }
    Files.writeString(file, text, UTF_8, CREATE, APPEND);
    fileTime = fileTime.plusSeconds(2);
    Files.setLastModifiedTime(file, FileTime.from(fileTime));
  }

  /** logrotate without compression: app.log.(k) → app.log.(k+1), app.log → app.log.1. */
  private void rotate() throws IOException {
    int oldest = 0;
    while (Files.exists(dir.resolve("app.log." + (oldest + 1)))) {
      oldest++;
    }
    for (int k = oldest; k >= 1; k--) {
      Path from = dir.resolve("app.log." + k);
      if (Files.exists(from)) {
        Files.move(from, dir.resolve("app.log." + (k + 1)));
      }
    }
    Files.move(log(), dir.resolve("app.log.1"));
    Files.writeString(log(), "", UTF_8, CREATE);
  }

  /** Polls until nothing more is read, committing every batch; returns its last checkpoints. */
  private List<FileCheckpoint> drain(FileTailer t, List<String> gaps) {
    List<FileCheckpoint> last = t.checkpoints();
    TailBatch b;
    do {
      b = t.poll();
      b.lines().forEach(l -> committed.add(l.text()));
      gaps.addAll(b.gaps());
      last = b.checkpoints();
    } while (b.hasMore() || !b.lines().isEmpty());
    return last;
  }

  private static Map<String, Integer> counts(List<String> lines) {
    Map<String, Integer> m = new HashMap<>();
    lines.forEach(l -> m.merge(l, 1, Integer::sum));
    return m;
  }

  @Test
  void resume_twoRotationsWhileDown_readsTheGenerationInBetween() throws IOException {
    write(log(), 2);
    FileTailer first = start();
    first.poll();
    write(log(), 3);
    List<String> gaps = new ArrayList<>();
    List<FileCheckpoint> cps = drain(first, gaps);
    first.close();

    // stopped: the writer goes on, logrotate runs twice
    write(log(), 4);
    rotate();
    write(log(), 5); // only ever in the generation in between: lost before the fix
    rotate();
    write(log(), 6);

    FileTailer second = resume(cps, options);
    drain(second, gaps);

    assertThat(committed).containsExactlyElementsOf(written.subList(2, written.size()));
    assertThat(gaps).isEmpty();
    assertThat(second.stats().possibleGaps()).isZero();
  }

  /**
   * The same while running: logrotate runs twice between two polls (a busy writer, size-based
   * rotation); the generation in between was never seen under the live name.
   */
  @Test
  void poll_twoRotationsBetweenPolls_readsTheGenerationInBetween() throws IOException {
    write(log(), 2);
    FileTailer t = start();
    List<String> gaps = new ArrayList<>();
    write(log(), 3);
    drain(t, gaps);

    write(log(), 4);
    rotate();
    write(log(), 5); // only ever in the generation in between
    rotate();
    write(log(), 6);
    drain(t, gaps);

    assertThat(committed).containsExactlyElementsOf(written.subList(2, written.size()));
    assertThat(gaps).isEmpty();
    assertThat(t.stats().possibleGaps()).isZero();
  }

  /** Three rotations between polls: both generations in between, oldest first, then the live file. */
  @Test
  void poll_threeRotationsBetweenPolls_readsEveryGenerationOnceInOrder() throws IOException {
    Files.writeString(log(), "", UTF_8);
    FileTailer t = start();
    List<String> gaps = new ArrayList<>();
    write(log(), 2);
    drain(t, gaps);
    for (int r = 0; r < 3; r++) {
      write(log(), 2 + r);
      rotate();
    }
    write(log(), 2);
    drain(t, gaps);
    clock.advance(options.rotatedFileGrace().plusSeconds(1));
    drain(t, gaps);
    write(log(), 1);
    drain(t, gaps);

    assertThat(committed).containsExactlyElementsOf(written);
    assertThat(gaps).isEmpty();
    assertThat(t.checkpoints()).as("the generations were closed once read").hasSize(1);
  }

  /**
   * Rotation that names generations counting up (app.log.1 the oldest): every older generation's
   * name says "newer", but it was read while it was the live file; no gap, nothing twice.
   */
  @Test
  void poll_rotationsNamedCountingUp_readEveryLineOnce_noGap() throws IOException {
    Files.writeString(log(), "", UTF_8);
    FileTailer t = start();
    List<String> gaps = new ArrayList<>();
    for (int r = 1; r <= 4; r++) {
      write(log(), 2);
      drain(t, gaps);
      Files.move(log(), dir.resolve("app.log." + r));
      Files.writeString(log(), "", UTF_8, CREATE);
      write(log(), 1);
      drain(t, gaps);
    }

    assertThat(committed).containsExactlyElementsOf(written);
    assertThat(gaps).isEmpty();
    assertThat(t.stats().possibleGaps()).isZero();
  }

  /** A generation in between that logrotate already compressed cannot be read: a possible gap. */
  @Test
  void poll_twoRotationsBetweenPolls_compressedGenerationInBetween_isAPossibleGap()
      throws IOException {
    write(log(), 2);
    FileTailer t = start();
    List<String> gaps = new ArrayList<>();
    drain(t, gaps);
    write(log(), 2);
    rotate();
    write(log(), 3);
    rotate();
    Path middle = dir.resolve("app.log.1");
    Path gz = dir.resolve("app.log.1.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(middle));
    }
    Files.setLastModifiedTime(gz, Files.getLastModifiedTime(middle)); // as gzip does
    Files.delete(middle);
    write(log(), 1);
    drain(t, gaps);

    assertThat(gaps).singleElement().asString().contains("app.log.1.gz");
    // started at the end: the first two lines are not read; the compressed three are the gap
    assertThat(committed).containsExactly(written.get(2), written.get(3), written.get(7));
  }

  @Test
  void resume_manyRotationsWhileDown_readsEveryGenerationOnceInOrder() throws IOException {
    write(log(), 1);
    FileTailer first = start();
    write(log(), 2);
    List<String> gaps = new ArrayList<>();
    List<FileCheckpoint> cps = drain(first, gaps);
    first.close();

    for (int r = 0; r < 6; r++) {
      write(log(), 3 + r);
      rotate();
    }
    write(log(), 2);

    FileTailer second = resume(cps, options.withMaxBytesPerPoll(50));
    drain(second, gaps);

    assertThat(committed).containsExactlyElementsOf(written.subList(1, written.size()));
    assertThat(gaps).isEmpty();
  }

  /**
   * Nothing twice: the first run read and closed older generations (rotated while it ran), then
   * crashed in the middle of a followed generation; the resumed tailers must not read the old
   * generations again, not even one whose modification time is later than the checkpointed one's
   * (a writer that kept writing to it after the rotation).
   */
  @Test
  void resume_neverReadsALineTwice_acrossRotationsWhileRunningDownAndCrashes() throws IOException {
    Files.writeString(log(), "", UTF_8);
    FileTailer first = start();
    List<String> gaps = new ArrayList<>();
    write(log(), 3);
    drain(first, gaps);
    for (int r = 0; r < 3; r++) {
      write(log(), 2);
      rotate();
      write(dir.resolve("app.log.1"), 1); // the writer has not reopened yet
      write(log(), 2);
      drain(first, gaps);
      clock.advance(options.rotatedFileGrace().plusSeconds(1));
      drain(first, gaps); // the rotated generation is closed: no checkpoint of it is kept
    }
    List<FileCheckpoint> cps = drain(first, gaps);
    assertThat(cps).as("only the live file is tracked").hasSize(1);
    // the newest closed generation was touched later than anything else
    Files.setLastModifiedTime(
        dir.resolve("app.log.1"), FileTime.from(fileTime.plusSeconds(600)));
    first.close();

    write(log(), 2);
    rotate();
    write(log(), 7);
    rotate();
    write(log(), 3);

    // a crash after the first small batch of the resumed tailer was committed
    TailOptions small = options.withMaxBytesPerPoll(40);
    FileTailer second = resume(cps, small);
    TailBatch firstBatch = second.poll();
    assertThat(firstBatch.lines()).isNotEmpty();
    firstBatch.lines().forEach(l -> committed.add(l.text()));
    assertThat(second.poll().lines()).as("read, never committed").isNotEmpty();
    second.close();

    FileTailer third = resume(firstBatch.checkpoints(), small);
    drain(third, gaps);

    assertThat(committed).doesNotHaveDuplicates();
    assertThat(counts(committed)).isEqualTo(counts(written));
    assertThat(gaps).isEmpty();
  }

  /**
   * A generation rotated before the stop and read to its end, then deleted by logrotate while
   * stopped (its rotate count reached): nothing was missed, no gap; one that was not read to its
   * end is a possible gap.
   */
  @Test
  void resume_deletedGenerationThatWasReadToItsEnd_isNoGap() throws IOException {
    Files.writeString(log(), "", UTF_8);
    FileTailer first = start();
    List<String> gaps = new ArrayList<>();
    write(log(), 3);
    rotate();
    write(log(), 2);
    List<FileCheckpoint> cps = drain(first, gaps);
    assertThat(cps).hasSize(2).filteredOn(FileCheckpoint::finished).singleElement()
        .satisfies(c -> assertThat(c.fileKey()).isEqualTo(FileIdentity.key(dir.resolve("app.log.1"))));
    first.close();

    write(log(), 2);
    rotate();
    Files.delete(dir.resolve("app.log.2")); // rotate 1
    write(log(), 1);

    FileTailer second = resume(cps, options);
    drain(second, gaps);

    assertThat(committed).containsExactlyElementsOf(written);
    assertThat(gaps).isEmpty();
    assertThat(second.stats().checkpointsLost()).isZero();
  }

  /** Kubelet's rotation behind Kubernetes' symbolic links: 0.log → 0.log.DATE-TIME. */
  @Test
  void resume_twoKubeletRotationsWhileDown_behindASymlink_readsEveryLineOnce()
      throws IOException {
    Path pods = Files.createDirectories(dir.resolve("pods/ns_app/server"));
    Path containers = Files.createDirectories(dir.resolve("containers"));
    Path real = pods.resolve("0.log");
    Files.writeString(real, "", UTF_8);
    Files.createSymbolicLink(containers.resolve("app_ns_server.log"), real);
    List<String> globs = List.of(containers.resolve("*.log").toString());
    FileTailer first = FileTailer.start(globs, options, clock);
    tailers.add(first);
    List<String> gaps = new ArrayList<>();
    write(real, 2);
    List<FileCheckpoint> cps = drain(first, gaps);
    first.close();

    write(real, 2);
    Files.move(real, pods.resolve("0.log.20261206-100000"));
    write(real, 3);
    Files.move(real, pods.resolve("0.log.20261206-100010"));
    write(real, 1);

    FileTailer second = FileTailer.resume(globs, options, cps, clock);
    tailers.add(second);
    drain(second, gaps);

    assertThat(committed).containsExactlyElementsOf(written);
    assertThat(gaps).isEmpty();
  }

  @Test
  void resume_compressedGenerationWhileDown_reportsAPossibleGap() throws IOException {
    write(log(), 2);
    FileTailer first = start();
    List<String> gaps = new ArrayList<>();
    List<FileCheckpoint> cps = drain(first, gaps);
    first.close();

    write(log(), 2);
    rotate();
    write(log(), 3);
    rotate();
    gzip(dir.resolve("app.log.2")); // the checkpointed generation
    gzip(dir.resolve("app.log.1"));
    write(log(), 1);

    FileTailer second = resume(cps, options);
    TailBatch b = second.poll();
    b.lines().forEach(l -> committed.add(l.text()));

    assertThat(committed).containsExactly(written.get(written.size() - 1));
    assertThat(b.gaps()).singleElement().satisfies(g -> assertThat(g)
        .contains(log().toString()).contains("matches no file").contains("compressed"));
    assertThat(b.notices()).containsAll(b.gaps());
    assertThat(second.stats().possibleGaps()).isEqualTo(1);
  }

  @Test
  void resume_compressedNewerGenerationWhileDown_reportsAPossibleGapAndReadsTheRest()
      throws IOException {
    write(log(), 2);
    FileTailer first = start();
    List<String> gaps = new ArrayList<>();
    List<FileCheckpoint> cps = drain(first, gaps);
    first.close();

    write(log(), 2);
    rotate();
    write(log(), 3);
    rotate();
    write(log(), 1);
    rotate(); // app.log.3 is the checkpointed generation; .2 and .1 are newer
    gzip(dir.resolve("app.log.2"));
    write(log(), 1);

    FileTailer second = resume(cps, options);
    List<String> found = new ArrayList<>();
    drain(second, found);

    List<String> expected = new ArrayList<>(written.subList(2, 4)); // rest of app.log.3
    expected.add(written.get(7)); // app.log.1
    expected.add(written.get(8)); // app.log
    assertThat(committed).containsExactlyElementsOf(expected);
    assertThat(found).singleElement().satisfies(g -> assertThat(g)
        .contains("compressed").contains(dir.resolve("app.log.2.gz").toString()));
  }

  @Test
  void resume_copytruncateTwiceWhileDown_reportsAPossibleGap() throws IOException {
    write(log(), 2);
    FileTailer first = start();
    List<String> gaps = new ArrayList<>();
    List<FileCheckpoint> cps = drain(first, gaps);
    first.close();

    for (int r = 0; r < 2; r++) {
      write(log(), 2);
      for (int k = 50; k >= 1; k--) {
        Path from = dir.resolve("app.log." + k);
        if (Files.exists(from)) {
          Files.move(from, dir.resolve("app.log." + (k + 1)));
        }
      }
      Files.copy(log(), dir.resolve("app.log.1"), StandardCopyOption.COPY_ATTRIBUTES);
      try (FileChannel ch = FileChannel.open(log(), WRITE)) {
        ch.truncate(0);
      }
    }
    write(log(), 1);

    FileTailer second = resume(cps, options);
    drain(second, gaps);

    // the first copy is followed from the checkpoint; the second copy's lines are not read
    List<String> expected = new ArrayList<>(written.subList(2, 4));
    expected.add(written.get(6));
    assertThat(committed).containsExactlyElementsOf(expected);
    assertThat(gaps).singleElement().satisfies(g -> assertThat(g)
        .contains("copied and truncated more than once")
        .contains(dir.resolve("app.log.1").toString()));
  }

  /**
   * Rotated names numbered upwards (app.log.1 the oldest) contradict logrotate's order; the
   * modification times tell: nothing is read on a guess, a possible gap is reported.
   */
  @Test
  void resume_namesAndTimesDisagree_readsNothingTwiceAndReportsAPossibleGap() throws IOException {
    Files.writeString(log(), "", UTF_8);
    FileTailer first = start();
    List<String> gaps = new ArrayList<>();
    write(log(), 2);
    drain(first, gaps);
    write(log(), 1);
    Files.move(log(), dir.resolve("app.log.1"));
    write(log(), 2);
    drain(first, gaps);
    clock.advance(options.rotatedFileGrace().plusSeconds(1));
    List<FileCheckpoint> cps = drain(first, gaps); // app.log.1 was read and closed
    first.close();

    write(log(), 1);
    Files.move(log(), dir.resolve("app.log.2"));
    write(log(), 2);

    FileTailer second = resume(cps, options);
    drain(second, gaps);

    assertThat(counts(committed)).isEqualTo(counts(written));
    assertThat(gaps).singleElement().satisfies(g -> assertThat(g)
        .contains("cannot be told").contains(dir.resolve("app.log.1").toString()));
  }

  @Test
  void resume_resumeUnknownAtEnd_followsNoGeneration() throws IOException {
    write(log(), 2);
    FileTailer first = start();
    List<String> gaps = new ArrayList<>();
    List<FileCheckpoint> cps = drain(first, gaps);
    first.close();
    write(log(), 1);
    rotate();
    write(log(), 1);
    rotate();

    FileTailer second = resume(cps, options.withResumeUnknownAt(StartAt.END));
    drain(second, gaps);

    assertThat(committed).containsExactly(written.get(2));
  }

  /**
   * Randomized: writes, logrotate rotations (sometimes with a late write to the rotated file),
   * polls that are committed or lost in a crash, stops with several rotations while down, rotated
   * generations closed after the grace. The committed lines must equal the written ones as a
   * multiset (nothing lost, nothing twice) and no possible gap may be reported. Logs also rotate
   * twice or more between two polls of a running tailer.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void resume_randomRotationsWhileDownAndCrashes_loseAndRepeatNothing(long seed)
      throws IOException {
    Random random = new Random(seed);
    TailOptions opts = options.withMaxBytesPerPoll(16 + random.nextInt(200));
    Files.writeString(log(), "", UTF_8);
    FileTailer running = start();
    List<FileCheckpoint> cps = running.checkpoints();
    List<String> gaps = new ArrayList<>();
    boolean rotatedSincePoll = false;
    long followed = 0;
    int restarts = 0;
    for (int step = 0; step < 300; step++) {
      int action = random.nextInt(100);
      if (action < 35) {
        write(log(), 1 + random.nextInt(3));
      } else if (action < 50) { // also twice or more between two polls of a running tailer
        rotate();
        if (random.nextBoolean()) {
          write(dir.resolve("app.log.1"), 1); // the writer has not reopened yet
        }
        rotatedSincePoll = running != null;
      } else if (running != null && action < 85) {
        TailBatch b = running.poll();
        rotatedSincePoll = false;
        if (random.nextInt(100) < 85) {
          b.lines().forEach(l -> committed.add(l.text()));
          gaps.addAll(b.gaps());
          cps = b.checkpoints();
          followed += b.notices().stream().filter(n -> n.contains("reading it from its beginning"))
              .count();
        } else {
          running.close(); // crash: the batch is lost
          running = null;
        }
      } else if (running != null && action < 92) {
        clock.advance(opts.rotatedFileGrace().plusSeconds(1));
      } else if (running != null) {
        running.close(); // a stop after the last commit
        running = null;
      } else if (random.nextInt(4) == 0) { // down: stays down a while, logs rotate meanwhile
        running = resume(cps, opts);
        restarts++;
      }
    }
    if (running == null) {
      running = resume(cps, opts);
    }
    for (int i = 0; i < 2; i++) {
      cps = drain(running, gaps);
      clock.advance(opts.rotatedFileGrace().plusSeconds(1));
    }
    drain(running, gaps);

    System.out.printf("seed %d: %d lines, %d restarts, %d generations followed%n",
        seed, written.size(), restarts, followed);
    assertThat(gaps).as("seed %d", seed).isEmpty();
    assertThat(counts(committed)).as("seed %d: lost or repeated lines", seed)
        .isEqualTo(counts(written));
  }

  private static void gzip(Path file) throws IOException {
    Path gz = file.resolveSibling(file.getFileName() + ".gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(file, out);
    }
    Files.delete(file);
  }
}
