package io.mcpwatch.storage.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.notify.JdbcOutbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a committing child JVM ({@link CrashChild}) with SIGKILL at random moments, many times.
 * After each kill the database must hold exactly the last commit the child reported, or the one it
 * was making (committed, not yet reported) — never a part of one — and the next child must go on
 * from there.
 */
@Tag("slow")
class CrashRecoveryTest {

  private static final int ROUNDS = 20;

  @TempDir Path dir;

  @Test
  void sigkill_atRandomMoments_leavesTheLastReportedCommitOrTheNextOne() throws Exception {
    Path db = dir.resolve("state.db");
    Random random = new Random(20240501L);
    long expectedLoad = 0;
    int inFlightSeen = 0;
    for (int round = 1; round <= ROUNDS; round++) {
      Path log = dir.resolve("child-" + round + ".log");
      Path progress = dir.resolve("child-" + round + ".progress");
      Process child = start(db, log, progress);
      LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread pump = pump(child, lines);
      String first = lines.poll(120, TimeUnit.SECONDS);
      assertThat(first)
          .as("child output (log %s: %s)", log, read(log))
          .isEqualTo("loaded " + expectedLoad);
      long reported = expectedLoad;
      // let it commit a random number of batches, then kill it at a random moment
      int commits = 1 + random.nextInt(40);
      for (int i = 0; i < commits; i++) {
        String line = lines.poll(60, TimeUnit.SECONDS);
        assertThat(line).as("child log: %s", read(log)).startsWith("committed ");
        reported = Long.parseLong(line.substring("committed ".length()));
      }
      Thread.sleep(random.nextInt(15));
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      pump.join(10_000);
      for (String line : lines) {
        if (line.startsWith("committed ")) {
          reported = Long.parseLong(line.substring("committed ".length()));
        }
      }
      // the pipe's last lines can be lost when the child dies; its progress file keeps them
      for (String line : Files.readAllLines(progress, StandardCharsets.US_ASCII)) {
        if (line.startsWith("committed ")) {
          reported = Math.max(reported, Long.parseLong(line.substring("committed ".length())));
        }
      }
      long loaded = verify(db);
      assertThat(loaded)
          .as("round %d: reported %d", round, reported)
          .isBetween(reported, reported + 1);
      if (loaded == reported + 1) {
        inFlightSeen++;
      }
      expectedLoad = loaded;
    }
    assertThat(expectedLoad).isGreaterThanOrEqualTo(ROUNDS);
    System.out.printf(
        "crash test: %d rounds, %d commits, %d kills after an unreported commit%n",
        ROUNDS, expectedLoad, inFlightSeen);
  }

  /** Loads the database in this JVM and checks it holds commit N of the model exactly. */
  private static long verify(Path file) {
    try (Database db = Database.open(DatabaseConfig.sqlite(file))) {
      SavedState saved = StateStore.create(db, () -> CrashModel.at(0)).load().orElseThrow();
      long n = saved.commitNumber();
      assertThat(saved.committedAt()).isEqualTo(CrashModel.at(n));
      assertThat(saved.engine()).isEqualTo(new CrashModel().snapshot(n));
      assertThat(saved.checkpoints()).isEqualTo(CrashModel.checkpoints(n));
      assertThat(
              new JdbcOutbox(db).items().stream().map(OutboxItem::id).collect(Collectors.toList()))
          .isEqualTo(CrashModel.outboxIds(n));
      return n;
    }
  }

  private static Process start(Path db, Path log, Path progress) throws IOException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Xmx128m");
    String logging = System.getProperty("java.util.logging.config.file");
    if (logging != null) {
      cmd.add("-Djava.util.logging.config.file=" + logging);
    }
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(CrashChild.class.getName());
    cmd.add(db.toString());
    cmd.add(progress.toString());
    return new ProcessBuilder(cmd).redirectError(log.toFile()).start();
  }

  private static Thread pump(Process child, LinkedBlockingQueue<String> lines) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the child was killed
              }
            },
            "crash-child-stdout");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
