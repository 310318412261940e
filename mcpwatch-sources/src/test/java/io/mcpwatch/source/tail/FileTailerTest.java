package io.mcpwatch.source.tail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTailerTest {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock();
  private final TailOptions options = TailOptions.defaults().withScanInterval(Duration.ZERO);
  private final List<FileTailer> tailers = new ArrayList<>();

  @AfterEach
  void closeTailers() {
    tailers.forEach(FileTailer::close);
  }

  private FileTailer start(TailOptions opts, String... globs) {
    FileTailer tailer = FileTailer.start(List.of(globs), opts, clock);
    tailers.add(tailer);
    return tailer;
  }

  private FileTailer resume(List<FileCheckpoint> checkpoints, String... globs) {
    FileTailer tailer = FileTailer.resume(List.of(globs), options, checkpoints, clock);
    tailers.add(tailer);
    return tailer;
  }

  private String glob(String pattern) {
    return dir.resolve(pattern).toString();
  }

  static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, UTF_8, CREATE, APPEND);
  }

  static void truncate(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, WRITE)) {
      ch.truncate(0);
    }
  }

  static List<String> texts(TailBatch batch) {
    return batch.lines().stream().map(TailLine::text).toList();
  }

  @Test
  void poll_returnsAppendedLinesWithOffsetsAndCheckpoint() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "old 1\nold 2\n");
    FileTailer tailer = start(options, glob("*.log"));
    assertThat(tailer.poll().lines()).isEmpty();

    append(log, "new 1\nnew 2\n");
    TailBatch batch = tailer.poll();

    assertThat(texts(batch)).containsExactly("new 1", "new 2");
    TailLine first = batch.lines().get(0);
    assertThat(first.source()).isEqualTo(log.toString());
    assertThat(first.offset()).isEqualTo(12);
    assertThat(first.endOffset()).isEqualTo(18);
    assertThat(first.terminated()).isTrue();
    assertThat(first.fileKey()).isNotNull();
    assertThat(batch.checkpoints())
        .singleElement()
        .satisfies(
            cp -> {
              assertThat(cp.path()).isEqualTo(log.toString());
              assertThat(cp.offset()).isEqualTo(24);
              assertThat(cp.fileKey()).isEqualTo(first.fileKey());
              assertThat(cp.headLength()).isEqualTo(24);
            });
    assertThat(batch.checkpointsChanged()).isTrue();
    assertThat(tailer.poll().isEmpty()).isTrue();
  }

  @Test
  void start_fromBeginningReadsExistingLines() throws IOException {
    append(dir.resolve("app.log"), "a\nb\n");
    FileTailer tailer = start(options.withStartAt(StartAt.BEGINNING), glob("*.log"));
    assertThat(texts(tailer.poll())).containsExactly("a", "b");
  }

  @Test
  void start_atEndStillReturnsALineCompletedAfterStart() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "old\npart");
    FileTailer tailer = start(options, glob("*.log"));
    assertThat(tailer.poll().lines()).isEmpty();
    append(log, "ial\nnext\n");
    assertThat(texts(tailer.poll())).containsExactly("partial", "next");
  }

  @Test
  void poll_partialLineIsReturnedOnlyOnceCompleted() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer tailer = start(options, glob("*.log"));
    append(log, "first\nsec");
    TailBatch batch = tailer.poll();
    assertThat(texts(batch)).containsExactly("first");
    assertThat(batch.checkpoints().get(0).offset()).isEqualTo(6);
    append(log, "ond");
    assertThat(tailer.poll().lines()).isEmpty();
    append(log, "\n");
    TailBatch done = tailer.poll();
    assertThat(texts(done)).containsExactly("second");
    assertThat(done.lines().get(0).offset()).isEqualTo(6);
    assertThat(done.checkpoints().get(0).offset()).isEqualTo(13);
  }

  @Test
  void poll_renameRotationReadsOldFileToItsEndBeforeTheNewOne() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer tailer = start(options, glob("*.log"));
    try (FileChannel writer = FileChannel.open(log, WRITE, APPEND)) {
      writer.write(UTF_8.encode("before rotation\nhalf "));
      assertThat(texts(tailer.poll())).containsExactly("before rotation");
      Files.move(log, dir.resolve("app.log.1"));
      writer.write(UTF_8.encode("written after rename\nlate\n"));
      append(log, "new file 1\n");
      TailBatch batch = tailer.poll();
      assertThat(texts(batch)).containsExactly("half written after rename", "late", "new file 1");
      assertThat(batch.lines().get(2).source()).isEqualTo(log.toString());
      assertThat(batch.notices()).anySatisfy(n -> assertThat(n).contains("rotated"));
      writer.write(UTF_8.encode("still later\n"));
      clock.advance(Duration.ofSeconds(3));
      assertThat(texts(tailer.poll())).containsExactly("still later");
    }
    assertThat(tailer.checkpoints()).hasSize(2);
    clock.advance(options.rotatedFileGrace());
    TailBatch afterGrace = tailer.poll();
    assertThat(afterGrace.checkpoints())
        .singleElement()
        .satisfies(cp -> assertThat(cp.path()).isEqualTo(log.toString()));
    assertThat(tailer.stats().filesClosed()).isEqualTo(1);
    assertThat(tailer.stats().rotations()).isEqualTo(1);
  }

  @Test
  void poll_rotatedFileMatchedByTheGlobIsFollowedUnderItsNewName() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer tailer = start(options, glob("app.log*"));
    append(log, "a\n");
    assertThat(texts(tailer.poll())).containsExactly("a");
    Path rotated = dir.resolve("app.log.1");
    Files.move(log, rotated);
    append(rotated, "b\n");
    append(log, "c\n");
    TailBatch batch = tailer.poll();
    assertThat(texts(batch)).containsExactlyInAnyOrder("b", "c");
    assertThat(batch.checkpoints())
        .extracting(FileCheckpoint::path)
        .containsExactly(log.toString(), rotated.toString());
  }

  @Test
  void poll_copytruncateContinuesInTheCopyThenRestartsAtZero() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer tailer = start(options, glob("*.log"));
    append(log, "one\ntwo\n");
    assertThat(texts(tailer.poll())).containsExactly("one", "two");
    append(log, "three\nfou");
    assertThat(texts(tailer.poll())).containsExactly("three");
    append(log, "r\nfive\n");
    Files.copy(log, dir.resolve("app.log.1"));
    truncate(log);
    append(log, "six\n");

    TailBatch batch = tailer.poll();

    assertThat(texts(batch)).containsExactly("four", "five", "six");
    assertThat(batch.lines().get(0).source()).isEqualTo(dir.resolve("app.log.1").toString());
    assertThat(batch.lines().get(2).offset()).isZero();
    assertThat(tailer.stats().truncations()).isEqualTo(1);
    assertThat(tailer.stats().copiesFollowed()).isEqualTo(1);
  }

  @Test
  void poll_copyMatchedByTheGlobIsHeldUntilTheOriginalIsTruncated() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer tailer = start(options, glob("app.log*"));
    append(log, "one\ntwo\n");
    assertThat(texts(tailer.poll())).containsExactly("one", "two");
    append(log, "three\n");
    Files.copy(log, dir.resolve("app.log.1"));
    assertThat(texts(tailer.poll()))
        .as("the copy is held, the original read")
        .containsExactly("three");
    truncate(log);
    append(log, "four\n");
    assertThat(texts(tailer.poll())).containsExactly("four");
    append(dir.resolve("app.log.1"), "appended to the copy\n");
    assertThat(texts(tailer.poll())).containsExactly("appended to the copy");
  }

  @Test
  void poll_truncationWithoutCopyRestartsAtZero() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer tailer = start(options, glob("*.log"));
    append(log, "a long first line\n");
    assertThat(texts(tailer.poll())).hasSize(1);
    truncate(log);
    append(log, "b\n");
    TailBatch batch = tailer.poll();
    assertThat(texts(batch)).containsExactly("b");
    assertThat(batch.notices()).anySatisfy(n -> assertThat(n).contains("truncated"));
  }

  @Test
  void poll_fileRewrittenInPlacePastOurPositionIsReadAgainFromZero() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer tailer = start(options, glob("*.log"));
    append(log, "aaa\n");
    assertThat(texts(tailer.poll())).containsExactly("aaa");
    truncate(log);
    append(log, "bbb\nccc\n");
    assertThat(texts(tailer.poll())).containsExactly("bbb", "ccc");
  }

  @Test
  void poll_newFileUnderTheGlobIsReadFromItsBeginning() throws IOException {
    append(dir.resolve("a.log"), "existing\n");
    FileTailer tailer = start(options, glob("*.log"));
    append(dir.resolve("b.log"), "b1\nb2\n");
    append(dir.resolve("c.txt"), "not matched\n");
    TailBatch batch = tailer.poll();
    assertThat(texts(batch)).containsExactly("b1", "b2");
    assertThat(batch.lines())
        .allSatisfy(l -> assertThat(l.source()).isEqualTo(dir.resolve("b.log").toString()));
  }

  @Test
  void poll_globWithSeveralFilesAndDirectories() throws IOException {
    Files.createDirectories(dir.resolve("one"));
    Files.createDirectories(dir.resolve("two/deep"));
    append(dir.resolve("one/x.log"), "");
    append(dir.resolve("two/deep/y.log"), "");
    append(dir.resolve("two/z.log"), "");
    FileTailer tailer = start(options, glob("*/*.log"), glob("two/**/y.log"));
    assertThat(tailer.checkpoints())
        .extracting(FileCheckpoint::path)
        .containsExactly(
            dir.resolve("one/x.log").toString(),
            dir.resolve("two/deep/y.log").toString(),
            dir.resolve("two/z.log").toString());
    append(dir.resolve("one/x.log"), "x\n");
    append(dir.resolve("two/deep/y.log"), "y\n");
    append(dir.resolve("two/z.log"), "z\n");
    assertThat(tailer.poll().lines())
        .extracting(l -> dir.relativize(Path.of(l.source())) + ":" + l.text())
        .containsExactlyInAnyOrder("one/x.log:x", "two/deep/y.log:y", "two/z.log:z");
  }

  @Test
  void resume_returnsExactlyTheLinesAfterTheCommittedCheckpoint() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer first = start(options, glob("*.log"));
    append(log, "1\n2\n");
    TailBatch committed = first.poll();
    assertThat(texts(committed)).containsExactly("1", "2");
    append(log, "3\n4");
    assertThat(texts(first.poll())).as("read but never committed").containsExactly("3");
    first.close(); // the process dies before committing

    append(log, "\n5\n");
    FileTailer second = resume(committed.checkpoints(), glob("*.log"));
    assertThat(texts(second.poll())).containsExactly("3", "4", "5");
  }

  @Test
  void resume_finishesAFileRotatedWhileDown() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer first = start(options, glob("*.log"));
    append(log, "a\n");
    List<FileCheckpoint> committed = first.poll().checkpoints();
    first.close();

    append(log, "b\n");
    Files.move(log, dir.resolve("app.log.1"));
    append(dir.resolve("app.log.1"), "c\n");
    append(log, "d\n");
    FileTailer second = resume(committed, glob("*.log"));
    TailBatch batch = second.poll();
    assertThat(texts(batch)).containsExactly("b", "c", "d");
    assertThat(batch.lines().get(0).source()).isEqualTo(dir.resolve("app.log.1").toString());
  }

  @Test
  void resume_afterCopytruncateWhileDownReadsTheRestFromTheCopy() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer first = start(options, glob("*.log"));
    append(log, "a\n");
    List<FileCheckpoint> committed = first.poll().checkpoints();
    first.close();

    append(log, "b\n");
    Files.copy(log, dir.resolve("app.log.1"));
    truncate(log);
    append(log, "c\n");
    FileTailer second = resume(committed, glob("*.log"));
    assertThat(texts(second.poll())).containsExactly("b", "c");
  }

  @Test
  void resume_readsFilesCreatedWhileDownFromTheirBeginning() throws IOException {
    append(dir.resolve("a.log"), "");
    FileTailer first = start(options, glob("*.log"));
    List<FileCheckpoint> committed = first.poll().checkpoints();
    first.close();

    append(dir.resolve("b.log"), "new while down\n");
    assertThat(texts(resume(committed, glob("*.log")).poll())).containsExactly("new while down");
  }

  @Test
  void resume_reportsACheckpointWhoseFileIsGone() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "a\n");
    FileTailer first = start(options, glob("*.log"));
    List<FileCheckpoint> committed = first.poll().checkpoints();
    first.close();
    Files.delete(log);

    FileTailer second = resume(committed, glob("*.log"));
    assertThat(second.stats().checkpointsLost()).isEqualTo(1);
    assertThat(second.poll().notices()).anySatisfy(n -> assertThat(n).contains("matches no file"));
  }

  @Test
  void poll_veryLongLineIsCutAndFlagged() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer tailer = start(options.withMaxLineBytes(100), glob("*.log"));
    String longLine = "x".repeat(250);
    append(log, longLine.substring(0, 150));
    assertThat(tailer.poll().lines()).isEmpty();
    append(log, longLine.substring(150) + "\nshort\n");
    TailBatch batch = tailer.poll();
    assertThat(batch.lines()).hasSize(2);
    TailLine cut = batch.lines().get(0);
    assertThat(cut.truncated()).isTrue();
    assertThat(cut.text()).isEqualTo("x".repeat(100));
    assertThat(cut.endOffset()).isEqualTo(251);
    assertThat(batch.lines().get(1).text()).isEqualTo("short");
    assertThat(tailer.stats().truncatedLines()).isEqualTo(1);
  }

  @Test
  void poll_passesBytesThroughUntouched() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer tailer = start(options, glob("*.log"));
    byte[] raw = {'a', '\r', '\n', (byte) 0xC3, 0x28, 0, 'z', '\n'};
    Files.write(log, raw, APPEND);
    TailBatch batch = tailer.poll();
    assertThat(batch.lines()).hasSize(2);
    assertThat(batch.lines().get(0).bytes()).containsExactly('a', '\r');
    assertThat(batch.lines().get(1).bytes()).containsExactly((byte) 0xC3, 0x28, 0, 'z');
  }

  @Test
  void poll_readBudgetSplitsWorkAndSaysThereIsMore() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer tailer = start(options.withMaxBytesPerPoll(10), glob("*.log"));
    append(log, "0123\n5678\nabcd\nefgh\n");
    TailBatch first = tailer.poll();
    assertThat(texts(first)).containsExactly("0123", "5678");
    assertThat(first.hasMore()).isTrue();
    TailBatch second = tailer.poll();
    assertThat(texts(second)).containsExactly("abcd", "efgh");
    assertThat(second.hasMore()).isFalse();
  }

  @Test
  void poll_lastLineOfARotatedFileWithoutNewlineIsReturnedWhenItCloses() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer tailer = start(options, glob("*.log"));
    append(log, "done\nunfinished");
    assertThat(texts(tailer.poll())).containsExactly("done");
    Files.move(log, dir.resolve("app.log.1"));
    assertThat(tailer.poll().lines()).isEmpty();
    clock.advance(options.rotatedFileGrace());
    TailBatch batch = tailer.poll();
    assertThat(texts(batch)).containsExactly("unfinished");
    assertThat(batch.lines().get(0).terminated()).isFalse();
    assertThat(batch.checkpoints()).isEmpty();
  }

  @Test
  void start_rejectsBadGlobsNamingThem() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> FileTailer.start(List.of(glob("[a")), options, clock))
        .withMessageContaining("[a");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> FileTailer.start(List.of(), options, clock))
        .withMessageContaining("glob");
  }

  @Test
  void poll_afterCloseFails() {
    FileTailer tailer = start(options, glob("*.log"));
    tailer.close();
    assertThatIllegalStateException().isThrownBy(tailer::poll);
  }

  @Test
  void poll_unlinkedFileIsStillDrainedThroughItsOpenChannel() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer tailer = start(options, glob("*.log"));
    try (FileChannel writer = FileChannel.open(log, WRITE, APPEND)) {
      writer.write(ByteBuffer.wrap("kept\n".getBytes(UTF_8)));
      Files.delete(log);
      writer.write(ByteBuffer.wrap("after unlink\n".getBytes(UTF_8)));
      assertThat(texts(tailer.poll())).containsExactly("kept", "after unlink");
    }
  }

  @Test
  void run_handsBatchesToTheHandlerUntilClosed() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer tailer =
        FileTailer.start(
            List.of(glob("*.log")),
            options.withPollInterval(Duration.ofMillis(5)),
            InstantSource.system());
    List<String> seen = new CopyOnWriteArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                tailer.run(batch -> batch.lines().forEach(l -> seen.add(l.text())));
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "tail-test");
    thread.setDaemon(true);
    thread.start();
    append(log, "x\ny\n");
    await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() >= 2);
    tailer.close();
    thread.join(20_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(seen).containsExactly("x", "y");
    assertThat(failure.get()).isNull();
  }

  @Test
  void run_propagatesTheHandlersFailure() throws IOException {
    append(dir.resolve("app.log"), "line\n");
    FileTailer tailer = start(options.withStartAt(StartAt.BEGINNING), glob("*.log"));
    assertThatThrownBy(
            () ->
                tailer.run(
                    batch -> {
                      throw new IllegalStateException("commit failed");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("commit failed");
  }

  @Test
  void resume_findsARotatedFileBehindASymlinkLikeKubernetesLogs() throws IOException {
    Path pods = Files.createDirectories(dir.resolve("pods/ns_app/server"));
    Path containers = Files.createDirectories(dir.resolve("containers"));
    Path real = pods.resolve("0.log");
    append(real, "");
    Path link = Files.createSymbolicLink(containers.resolve("app_ns_server.log"), real);
    String glob = containers.resolve("*.log").toString();
    FileTailer first = start(options, glob);
    append(real, "a\n");
    TailBatch batch = first.poll();
    assertThat(batch.lines())
        .singleElement()
        .satisfies(l -> assertThat(l.source()).isEqualTo(link.toString()));
    first.close();

    append(real, "b\n");
    Files.move(real, pods.resolve("0.log.20260101-000000"));
    append(real, "c\n");
    FileTailer second = resume(batch.checkpoints(), glob);
    assertThat(texts(second.poll())).containsExactly("b", "c");

    Files.move(real, pods.resolve("0.log.20260101-000100"));
    append(real, "d\n");
    assertThat(texts(second.poll())).containsExactly("d");
  }
}
