package io.mcpwatch.source.tail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Randomized soak: a writer appends (sometimes half lines), rotates by rename (writing to the old
 * file after the rename) and by copytruncate, while the tailer polls, commits or "crashes" (a new
 * tailer resumes from the last committed checkpoints). The committed lines must equal the written
 * ones as a multiset: nothing lost, nothing twice.
 *
 * <p>Only sound interleavings are generated. Between a copy and its truncation nothing is written
 * (those lines are lost by any tailer) and the clock does not move (a copy held longer than the
 * grace is taken for a plain copy). With a glob that does not match rotated names, the file is
 * polled and committed just before a copytruncate and after each rotation before the next one: a
 * file rotated twice, or rotated by copytruncate before its first bytes were seen, while the tailer
 * is down cannot be found again (documented limits).
 */
class FileTailerSoakTest {
  private static final int STEPS = 700;

  @TempDir Path dir;

  static Stream<Arguments> fewRuns() {
    return runs(1, 2);
  }

  static Stream<Arguments> manyRuns() {
    return runs(3, 24);
  }

  private static Stream<Arguments> runs(long fromSeed, long toSeed) {
    return LongStream.rangeClosed(fromSeed, toSeed)
        .boxed()
        .flatMap(seed -> Stream.of(Arguments.of(seed, "*.log"), Arguments.of(seed, "app.log*")));
  }

  @ParameterizedTest(name = "seed {0}, glob {1}")
  @MethodSource("fewRuns")
  void poll_randomAppendsRotationsAndCrashesLoseAndRepeatNothing(long seed, String pattern)
      throws IOException {
    new Run(seed, pattern).go();
  }

  @Tag("slow")
  @ParameterizedTest(name = "seed {0}, glob {1}")
  @MethodSource("manyRuns")
  void poll_moreSeedsLoseAndRepeatNothing(long seed, String pattern) throws IOException {
    new Run(seed, pattern).go();
  }

  private final class Run {
    final Random random;
    final long seed;
    final boolean globSeesRotated;
    final List<String> globs;
    final MutableClock clock = new MutableClock();
    final TailOptions options;
    final Path log = dir.resolve("app.log");
    final List<String> written = new ArrayList<>();
    final List<String> committed = new ArrayList<>();
    final List<String> history = new ArrayList<>();
    List<FileCheckpoint> committedCheckpoints;
    FileTailer tailer;
    FileChannel writer;
    @Nullable String rest;
    int seq;
    int rotations;
    boolean rotatedSinceCommit;

    Run(long seed, String pattern) throws IOException {
      this.seed = seed;
      this.random = new Random(seed);
      this.globSeesRotated = pattern.equals("app.log*");
      this.globs = List.of(dir.resolve(pattern).toString());
      this.options =
          TailOptions.defaults()
              .withMaxBytesPerPoll(64 + random.nextInt(4096))
              .withFingerprintBytes(16 + random.nextInt(100))
              .withScanInterval(Duration.ofSeconds(1));
      writer = FileChannel.open(log, CREATE, WRITE, APPEND);
      tailer = FileTailer.start(globs, options, clock);
      committedCheckpoints = tailer.checkpoints();
    }

    void go() throws IOException {
      try {
        for (int step = 0; step < STEPS; step++) {
          int op = random.nextInt(100);
          if (op < 30) {
            append(writer, 1 + random.nextInt(4), true);
          } else if (op < 65) {
            poll();
          } else if (op < 70) {
            crash();
          } else if (op < 80) {
            clock.advance(Duration.ofMillis(random.nextInt(3000)));
          } else if (op < 90) {
            renameRotation();
          } else {
            copyTruncate();
          }
        }
        finishLine(writer);
        for (int quiet = 0; quiet < 3; ) {
          clock.advance(Duration.ofSeconds(6));
          TailBatch batch = tailer.poll();
          commit(batch);
          quiet = batch.lines().isEmpty() && !batch.hasMore() ? quiet + 1 : 0;
        }
        assertSameLines();
      } finally {
        tailer.close();
        writer.close();
      }
    }

    void append(FileChannel to, int lines, boolean mayLeaveHalf) throws IOException {
      StringBuilder text = new StringBuilder();
      if (rest != null) {
        text.append(rest).append('\n');
        rest = null;
      }
      for (int i = 0; i < lines; i++) {
        String line =
            "L"
                + seq++
                + "-"
                + "abcdefghij".repeat(random.nextInt(9))
                + (random.nextInt(10) == 0 ? "\r" : "");
        written.add(line);
        if (mayLeaveHalf && i == lines - 1 && random.nextInt(4) == 0) {
          int cut = random.nextInt(line.length());
          text.append(line, 0, cut);
          rest = line.substring(cut);
        } else {
          text.append(line).append('\n');
        }
      }
      to.write(ByteBuffer.wrap(text.toString().getBytes(UTF_8)));
      history.add("wrote " + text.toString().replace("\n", "|"));
    }

    void finishLine(FileChannel to) throws IOException {
      if (rest != null) {
        to.write(ByteBuffer.wrap((rest + "\n").getBytes(UTF_8)));
        rest = null;
      }
    }

    void poll() {
      TailBatch batch = tailer.poll();
      history.add("poll: " + batch.lines().stream().map(TailLine::toString).toList());
      if (random.nextInt(100) < 85) {
        commit(batch);
      } else {
        history.add("crash before commit, dropping " + batch.lines().size() + " lines");
        crash();
      }
    }

    void commit(TailBatch batch) {
      batch.lines().forEach(l -> committed.add(l.text()));
      committedCheckpoints = batch.checkpoints();
      batch.notices().forEach(history::add);
      rotatedSinceCommit = false;
    }

    void crash() {
      tailer.close();
      history.add("restart from " + committedCheckpoints);
      tailer = FileTailer.resume(globs, options, committedCheckpoints, clock);
    }

    void renameRotation() throws IOException {
      if (!globSeesRotated && rotatedSinceCommit) {
        commit(tailer.poll());
      }
      Path rotated = dir.resolve("app.log." + ++rotations);
      Files.move(log, rotated);
      history.add("rename to " + rotated.getFileName());
      append(writer, random.nextInt(3), false); // the writer has not reopened yet
      finishLine(writer);
      writer.close();
      writer = FileChannel.open(log, CREATE, WRITE, APPEND);
      rotatedSinceCommit = true;
    }

    void copyTruncate() throws IOException {
      finishLine(writer);
      if (!globSeesRotated) {
        commit(tailer.poll());
      }
      Path copy = dir.resolve("app.log." + ++rotations);
      Files.copy(log, copy);
      history.add("copy to " + copy.getFileName() + " and truncate");
      for (int polls = random.nextInt(3); polls > 0; polls--) {
        poll();
      }
      writer.truncate(0);
      rotatedSinceCommit = true;
    }

    void assertSameLines() {
      Map<String, Integer> balance = new HashMap<>();
      written.forEach(l -> balance.merge(l, 1, Integer::sum));
      committed.forEach(l -> balance.merge(l, -1, Integer::sum));
      balance.values().removeIf(v -> v == 0);
      Map<String, Integer> byId = new java.util.TreeMap<>();
      balance.forEach(
          (line, n) ->
              byId.put(
                  line.indexOf('-') < 0 ? "'" + line + "'" : line.substring(0, line.indexOf('-')),
                  n));
      List<String> sortedWritten = new ArrayList<>(written);
      List<String> sortedCommitted = new ArrayList<>(committed);
      Collections.sort(sortedWritten);
      Collections.sort(sortedCommitted);
      List<String> last =
          history.subList(Math.max(0, history.size() - 60), history.size()).stream()
              .map(h -> h.length() > 300 ? h.substring(0, 300) + "..." : h)
              .toList();
      assertThat(byId)
          .as(
              "seed %d: lost (>0) or repeated (<0) lines; last events:%n%s",
              seed, String.join("\n", last))
          .isEmpty();
      assertThat(sortedCommitted).isEqualTo(sortedWritten);
      assertThat(written).hasSizeGreaterThan(STEPS / 4);
    }
  }
}
