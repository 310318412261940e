package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.storage.state.SourceCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite, issue 9 item 4: a writer logs steadily to {@code logs/teams.log}, logrotate renames
 * it every 2 s (keeping 9 generations, no compression), and the service (glob {@code logs/*.log})
 * is stopped for 10 s at a time, so about five generations rotate away while it is down. Every
 * written line must be counted, and no possible gap reported. Prints what it checked and the
 * counts.
 */
@Tag("slow")
class RotationWhileStoppedFaultTest {
  private static final Duration ROTATE_EVERY = Duration.ofSeconds(2);
  private static final Duration DOWN = Duration.ofSeconds(10);
  private static final Duration UP = Duration.ofSeconds(4);
  private static final int CYCLES = 2;

  @TempDir Path dir;

  private FileChannel writer;
  private long written;
  private int rotations;
  private int rotationsWhileDown;

  @Test
  void rotationEvery2sAnd10sStops_everyLineCountedNoGap() throws Exception {
    ServiceFixture helper = new ServiceFixture(dir, "jsonl", "none", false);
    writer = open(helper.log);
    for (int cycle = 0; cycle < CYCLES; cycle++) {
      try (ServiceFixture up = new ServiceFixture(dir, "jsonl", "none", false)) {
        up.start();
        writeFor(helper.log, UP, false);
      }
      writeFor(helper.log, DOWN, true);
    }
    writer.close();
    long counted;
    try (ServiceFixture last = new ServiceFixture(dir, "jsonl", "none", false)) {
      last.start();
      try {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> matched(last) >= written);
      } catch (ConditionTimeoutException e) {
        // lines are missing: the counts below say how many
      }
      Thread.sleep(500); // anything beyond the written lines would show up now
      counted = matched(last);
    }
    long gaps =
        ((SourceCheckpoint.Files) helper.status().checkpoints().get(0).checkpoint()).gaps().count();
    System.out.printf(
        "rotation while stopped: %d lines written, %d rotations (%d while stopped, %d stops of"
            + " %d s), %d counted, %d lost (%.1f %%), %d possible gaps%n",
        written, rotations, rotationsWhileDown, CYCLES, DOWN.toSeconds(), counted,
        written - counted, 100.0 * (written - counted) / written, gaps);
    assertThat(counted).isEqualTo(written);
    assertThat(gaps).isZero();
  }

  private static long matched(ServiceFixture f) {
    return ServiceFixture.alarm(f.status(), "teams-prod-auth-failures").matchedEvents();
  }

  private static FileChannel open(Path log) throws IOException {
    return FileChannel.open(
        log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /** Writes a line every 2 ms for {@code span}, rotating every {@link #ROTATE_EVERY}. */
  private void writeFor(Path log, Duration span, boolean down) throws Exception {
    long end = System.nanoTime() + span.toNanos();
    long nextRotation = System.nanoTime() + ROTATE_EVERY.toNanos();
    while (System.nanoTime() < end) {
      String line =
          ServiceFixture.jsonl(Instant.now(), ServiceFixture.OBO_MESSAGE + " #" + ++written)
              + "\n";
      writer.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
      if (System.nanoTime() >= nextRotation) {
        for (int k = 9; k >= 1; k--) {
          Path from = log.resolveSibling("teams.log." + k);
          if (Files.exists(from)) {
            if (k == 9) {
              Files.delete(from);
            } else {
              Files.move(from, log.resolveSibling("teams.log." + (k + 1)));
            }
          }
        }
        Files.move(log, log.resolveSibling("teams.log.1"));
        writer.close();
        writer = open(log); // the application reopens its log (postrotate HUP)
        rotations++;
        if (down) {
          rotationsWhileDown++;
        }
        // from now, not from the schedule: a writer stalled on a loaded machine must not rotate
        // twice in a row (a generation of one line written within the file system's clock tick
        // of the previous one cannot be ordered by time, and is reported as a possible gap)
        nextRotation = System.nanoTime() + ROTATE_EVERY.toNanos();
      }
      Thread.sleep(2);
    }
  }
}
