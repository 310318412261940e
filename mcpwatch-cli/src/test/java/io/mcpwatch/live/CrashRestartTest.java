package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.cli.McpwatchCommand;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.source.tail.FileCheckpoint;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.state.SourceCheckpoint;
import io.mcpwatch.storage.state.StatusReader;
import io.mcpwatch.storage.state.StatusReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kills a real {@code mcpwatch run} (a child JVM) with SIGKILL at random moments while the test
 * keeps appending to the file it tails, restarts it each time, and at the end compares the minute
 * aggregates in its database with an uninterrupted replay of the same file ({@code backtest}).
 */
@Tag("slow")
class CrashRestartTest {
  private static final long KILL_PHASE_MILLIS = 60_000;

  @TempDir Path dir;

  @Test
  void sigkillAtRandomMoments_minuteAggregatesEqualAnUninterruptedReplay() throws Exception {
    Path config = dir.resolve("mcpwatch.yaml");
    // 10-minute periods: the evaluation range (30 min) holds every minute of the test
    Files.writeString(config, ServiceFixture.YAML.replace("period: 60", "period: 600")
        + "sources:\n"
        + "  - { app: teams, env: prod, type: file, path: logs/*.log, startAt: beginning,"
        + " format: jsonl }\n"
        + "http:\n  enabled: false\n", StandardCharsets.UTF_8);
    Path log = dir.resolve("logs/teams.log");
    Files.createDirectories(log.getParent());
    Files.createFile(log);
    Path childLog = dir.resolve("child.log");

    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong written = new AtomicLong();
    Thread writer = new Thread(() -> write(log, writing, written), "test-writer");
    writer.start();

    SplittableRandom random = new SplittableRandom(20261124);
    int kills = 0;
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_PHASE_MILLIS);
    // at least 10 kills however slowly a loaded machine starts the JVMs (it took 8 in 60 s at
    // load 14 on 2 cores), within a generous cap
    long cap = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10 * KILL_PHASE_MILLIS);
    while ((System.nanoTime() < end || kills < 10) && System.nanoTime() < cap) {
      long before = ChildService.runningCount(childLog);
      Process p = ChildService.start(config, childLog);
      if (random.nextInt(5) == 0) {
        Thread.sleep(random.nextInt(1500)); // during start-up
      } else {
        long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ChildService.runningCount(childLog) == before && System.nanoTime() < wait) {
          Thread.sleep(20);
        }
        Thread.sleep(random.nextInt(2500)); // while it tails and commits
      }
      p.destroyForcibly();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      kills++;
    }
    writing.set(false);
    writer.join();

    Process last = ChildService.start(config, childLog);
    long size = Files.size(log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (committedOffset(config) < size && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    last.destroy(); // SIGTERM: the shutdown hook commits and stops
    assertThat(last.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(committedOffset(config)).as("caught up with the file").isEqualTo(size);
    assertThat(kills).isGreaterThanOrEqualTo(10);
    String childOutput = Files.readString(childLog, StandardCharsets.UTF_8);
    long running = ChildService.runningCount(childLog);
    long resumed = childOutput.lines()
        .filter(l -> l.contains("from byte") && !l.contains("from byte 0")).count();
    // most kills must hit a running service that had read something, not a starting JVM
    assertThat(running).as(childOutput).isGreaterThanOrEqualTo(kills / 2);
    assertThat(resumed).isGreaterThanOrEqualTo(kills / 2);
    System.out.printf("crash test: %d kills, %d starts reached the running state, %d resumed"
        + " mid-file; %d lines, %d bytes%n", kills, running, resumed, written.get(), size);

    StatusReport status = status(config);
    JsonNode replay = backtest(config, log);
    for (String name : List.of("teams-prod-auth-failures", "teams-prod-http-5xx")) {
      Map<String, String> stored = new TreeMap<>();
      ServiceFixture.alarm(status, name).minutes().forEach(m -> stored.put(
          m.start().toString(), (long) m.sum() + "/" + m.sampleCount()));
      Map<String, String> replayed = new TreeMap<>();
      for (JsonNode a : replay.get("alarms")) {
        if (a.get("alarmName").asString().equals(name)) {
          for (JsonNode m : a.get("minutes")) {
            replayed.put(Instant.parse(m.get("start").asString()).toString(),
                m.get("sum").asLong() + "/" + m.get("sampleCount").asLong());
          }
        }
      }
      assertThat(replayed).as(name + " in the replay").isNotEmpty();
      assertThat(stored).as(name + " after " + kills + " kills, " + written.get() + " lines")
          .isEqualTo(replayed);
    }
  }

  /** Appends OBO failures, 5xx and 200 lines stamped with the current time, ~2,000 a second. */
  private static void write(Path log, AtomicBoolean writing, AtomicLong written) {
    SplittableRandom r = new SplittableRandom(7);
    try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.APPEND)) {
      while (writing.get()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
          Instant now = Instant.now();
          int k = r.nextInt(10);
          String msg = k == 0 ? ServiceFixture.OBO_MESSAGE
              : k == 1 ? ServiceFixture.accessMessage(500 + r.nextInt(4))
              : ServiceFixture.accessMessage(200);
          sb.append(ServiceFixture.jsonl(now, msg)).append('\n');
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        // two writes, so a reader sometimes sees half a line
        out.write(b, 0, b.length / 2);
        out.flush();
        out.write(b, b.length / 2, b.length - b.length / 2);
        out.flush();
        written.addAndGet(20);
        Thread.sleep(10);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static StatusReport status(Path config) {
    try (Database db = Database.openReadOnly(ServicePlan.database(ConfigFiles.load(config)))) {
      return new StatusReader(db).report(Instant.now(), 2, 4);
    }
  }

  private static long committedOffset(Path config) {
    try {
      StatusReport s = status(config);
      if (s.checkpoints().isEmpty()) {
        return -1;
      }
      List<FileCheckpoint> files =
          ((SourceCheckpoint.Files) s.checkpoints().get(0).checkpoint()).files();
      return files.isEmpty() ? -1 : files.get(0).offset();
    } catch (RuntimeException e) {
      return -1; // no database yet
    }
  }

  private static JsonNode backtest(Path config, Path log) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = McpwatchCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute("backtest", "-c", config.toString(), "--env", "prod", "--app", "teams",
        "--input-format", "jsonl", "--format", "json", "--no-progress", log.toString());
    assertThat(exit).as(err.toString()).isEqualTo(0);
    return JsonMapper.builder().build().readTree(out.toString());
  }

}
