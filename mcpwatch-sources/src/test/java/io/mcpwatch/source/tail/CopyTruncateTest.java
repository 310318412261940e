package io.mcpwatch.source.tail;

import static io.mcpwatch.source.tail.FileTailerTest.append;
import static io.mcpwatch.source.tail.FileTailerTest.texts;
import static io.mcpwatch.source.tail.FileTailerTest.truncate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copytruncate through {@link FileTailer}: copies held, followed, or released. */
class CopyTruncateTest {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock();
  private final TailOptions options =
      TailOptions.defaults().withScanInterval(Duration.ZERO).withFingerprintBytes(32);
  private final List<FileTailer> tailers = new ArrayList<>();

  @AfterEach
  void closeTailers() {
    tailers.forEach(FileTailer::close);
  }

  private FileTailer track(FileTailer tailer) {
    tailers.add(tailer);
    return tailer;
  }

  private List<String> globs() {
    return List.of(dir.resolve("*.log*").toString());
  }

  @Test
  void poll_newFileThatOnlyStartsLikeAnotherIsReadOnceItDiverges() throws IOException {
    append(dir.resolve("a.log"), "");
    FileTailer tailer = track(FileTailer.start(globs(), options, clock));
    append(dir.resolve("a.log"), "server starting\na1\n");
    assertThat(texts(tailer.poll())).containsExactly("server starting", "a1");

    append(dir.resolve("b.log"), "server starting\n");
    assertThat(tailer.poll().lines()).as("held: it may be a copy of a.log").isEmpty();
    append(dir.resolve("b.log"), "b1\n");
    assertThat(texts(tailer.poll())).containsExactly("server starting", "b1");
  }

  @Test
  void poll_heldFileWithAShortMatchIsReadAsNewAfterTheGrace() throws IOException {
    append(dir.resolve("a.log"), "");
    FileTailer tailer = track(FileTailer.start(globs(), options, clock));
    append(dir.resolve("a.log"), "server starting\na1\n");
    assertThat(texts(tailer.poll())).hasSize(2);
    append(dir.resolve("b.log"), "server starting\n");
    assertThat(tailer.poll().lines()).isEmpty();
    clock.advance(options.rotatedFileGrace());
    TailBatch batch = tailer.poll();
    assertThat(texts(batch)).containsExactly("server starting");
    assertThat(batch.notices()).anySatisfy(n -> assertThat(n).contains("as a new file"));
  }

  @Test
  void poll_plainCopyOfAWholeFingerprintIsTakenAsACopy() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer tailer = track(FileTailer.start(globs(), options, clock));
    append(log, "a fairly long first line of the log\nsecond\n");
    assertThat(texts(tailer.poll())).hasSize(2);
    Path backup = dir.resolve("app.log.bak");
    Files.copy(log, backup);
    assertThat(tailer.poll().lines()).isEmpty();
    clock.advance(options.rotatedFileGrace());
    assertThat(tailer.poll().lines()).as("its content was read in app.log").isEmpty();
    append(backup, "appended to the backup\n");
    assertThat(texts(tailer.poll())).containsExactly("appended to the backup");
  }

  @Test
  void resume_heldCopyIsHeldAgainAndFollowedWhenTheOriginalIsTruncated() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer first = track(FileTailer.start(globs(), options, clock));
    append(log, "one\ntwo\n");
    assertThat(texts(first.poll())).containsExactly("one", "two");
    append(log, "three\n");
    Files.copy(log, dir.resolve("app.log.1"));
    TailBatch committed = first.poll();
    assertThat(texts(committed)).containsExactly("three");
    assertThat(committed.checkpoints()).extracting(FileCheckpoint::offset).containsExactly(14L, 0L);
    first.close();

    FileTailer second = track(FileTailer.resume(globs(), options, committed.checkpoints(), clock));
    assertThat(second.poll().lines()).isEmpty();
    truncate(log);
    append(log, "four\n");
    assertThat(texts(second.poll())).containsExactly("four");
    assertThat(second.stats().copiesFollowed()).isEqualTo(1);
  }

  @Test
  void resume_copyTruncatedAfterTheCheckpointIsFollowedAndTheRestIsNotRepeated()
      throws IOException {
    Path log = dir.resolve("app.log");
    append(log, "");
    FileTailer first = track(FileTailer.start(globs(), options, clock));
    append(log, "one\n");
    List<FileCheckpoint> committed = first.poll().checkpoints();
    append(log, "two\n");
    assertThat(texts(first.poll())).as("read, not committed").containsExactly("two");
    first.close();

    append(log, "three\n");
    Files.copy(log, dir.resolve("app.log.1"));
    truncate(log);
    append(log, "four\n");
    FileTailer second = track(FileTailer.resume(globs(), options, committed, clock));
    assertThat(texts(second.poll())).containsExactlyInAnyOrder("two", "three", "four");
  }
}
