package io.mcpwatch.bench.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained ingest of {@code mcpwatch run} tailing one plain-text file, measured from outside: a
 * child service (pinned with taskset) on the ADR configuration, and this process polling the
 * committed checkpoint in the service's SQLite database every 10 ms.
 *
 * <ul>
 *   <li>{@code --mode backlog}: the whole corpus is in the file before the start ({@code startAt:
 *       beginning}); lines/s from the first commit (the source opened, checkpoint 0) until the
 *       committed checkpoint is the end of the file.
 *   <li>{@code --mode live --rate R --seconds S}: the file starts empty and this process appends
 *       the corpus at R lines/s for S seconds; reports the committed rate each second and the lag
 *       at the end.
 * </ul>
 *
 * <p>Options: {@code --jar mcpwatch.jar --template adr.yaml --dir RUNDIR --corpus all.log [--cpu 1]
 * [--java-opts "..."]}.
 */
public final class IngestBench {
  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = Args.parse(args);
    Path corpus = Path.of(o.get("corpus"));
    Path dir = Path.of(o.get("dir"));
    String mode = o.getOrDefault("mode", "backlog");
    long[] ends = lineEnds(corpus);
    System.out.printf(Locale.ROOT, "corpus %s: %,d lines, %,d bytes%n", corpus, ends.length,
        ends[ends.length - 1]);
    Files.createDirectories(dir);
    Adr.freshDatabase(dir);
    Path tailed = mode.equals("live") ? dir.resolve("live.log") : corpus.toAbsolutePath();
    if (mode.equals("live")) {
      Files.deleteIfExists(tailed);
      Files.createFile(tailed);
    }
    Path config = Adr.write(Path.of(o.get("template")), dir, List.of(
        "{ app: teams, env: prod, type: file, path: " + tailed + ", startAt: beginning }"));
    long t0 = System.nanoTime();
    try (Child c = Child.start(Path.of(o.get("jar")), config, Adr.database(dir),
        o.getOrDefault("cpu", "1"), o.getOrDefault("java-opts", ""), dir.resolve("service.log"))) {
      if (mode.equals("live")) {
        live(c, corpus, tailed, ends, Long.parseLong(o.getOrDefault("rate", "100000")),
            Integer.parseInt(o.getOrDefault("seconds", "30")), t0);
      } else {
        backlog(c, ends, t0);
      }
      System.out.printf(Locale.ROOT, "max VmRSS %,d KiB (%.0f MiB)%n", c.maxRssKib(),
          c.maxRssKib() / 1024.0);
    }
  }

  private static void backlog(Child c, long[] ends, long t0)
      throws InterruptedException, IOException {
    long total = ends[ends.length - 1];
    long opened = -1;
    double openedCpu = 0;
    long lastPrint = System.nanoTime();
    long lastBytes = 0;
    while (true) {
      long b = c.committedBytes();
      long now = System.nanoTime();
      if (b >= 0 && opened < 0) {
        opened = now;
        openedCpu = BoundaryBench.cpuSeconds(c.pid());
        System.out.printf(Locale.ROOT, "source opened and committed %.2f s after the start%n",
            (now - t0) / 1e9);
      }
      if (b >= total) {
        double s = (now - opened) / 1e9;
        double cpu = BoundaryBench.cpuSeconds(c.pid()) - openedCpu;
        System.out.printf(Locale.ROOT,
            "RESULT backlog: %,d lines (%,d bytes) committed in %.2f s = %,.0f lines/s"
                + " (%.1f MB/s); %.2f s including JVM start; service CPU %.2f s in that time"
                + " = %,.0f lines per CPU second (load %s)%n",
            ends.length, total, s, ends.length / s, total / s / 1e6, (now - t0) / 1e9, cpu,
            ends.length / cpu, Load.average());
        return;
      }
      if (!c.alive()) {
        throw new IllegalStateException("the service ended early; see service.log");
      }
      if (now - lastPrint >= 1_000_000_000L && b >= 0) {
        System.out.printf(Locale.ROOT, "  t=%5.1fs committed %,d lines (+%,d/s)%n",
            (now - t0) / 1e9, lines(ends, b), lines(ends, b) - lines(ends, lastBytes));
        lastPrint = now;
        lastBytes = b;
      }
      Thread.sleep(10);
    }
  }

  private static void live(
      Child c, Path corpus, Path tailed, long[] ends, long rate, int seconds, long t0)
      throws Exception {
    while (c.committedBytes() < 0) {
      if (!c.alive()) {
        throw new IllegalStateException("the service ended early; see service.log");
      }
      Thread.sleep(10);
    }
    AtomicLong appendedLines = new AtomicLong();
    long start = System.nanoTime();
    long endNanos = start + seconds * 1_000_000_000L;
    Thread writer = new Thread(() -> {
      try (FileChannel in = FileChannel.open(corpus);
          FileChannel out = FileChannel.open(tailed, StandardOpenOption.APPEND)) {
        int done = 0;
        while (System.nanoTime() < endNanos && done < ends.length) {
          long due = Math.min(ends.length,
              (System.nanoTime() - start) * rate / 1_000_000_000L);
          if (due > done) {
            long from = done == 0 ? 0 : ends[done - 1];
            long to = ends[(int) due - 1];
            while (from < to) {
              from += in.transferTo(from, to - from, out);
            }
            done = (int) due;
            appendedLines.set(done);
          }
          Thread.sleep(5);
        }
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, "appender");
    writer.start();
    long lastLines = 0;
    long lastAppended = 0;
    for (int s = 1; ; s++) {
      Thread.sleep(Math.max(0, (start + s * 1_000_000_000L - System.nanoTime()) / 1_000_000));
      long committed = lines(ends, Math.max(0, c.committedBytes()));
      long appended = appendedLines.get();
      System.out.printf(Locale.ROOT,
          "  t=%3ds appended %,d (+%,d/s) committed %,d (+%,d/s) lag %,d lines  load %s%n", s,
          appended, appended - lastAppended, committed, committed - lastLines,
          appended - committed, Load.average());
      lastLines = committed;
      lastAppended = appended;
      if (!writer.isAlive() && committed >= appended) {
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT,
            "RESULT live: appended %,d lines at %,d lines/s target; all committed %.1f s after"
                + " the appender started (%,.0f lines/s overall)%n",
            appended, rate, secs, appended / secs);
        return;
      }
      if (!c.alive()) {
        throw new IllegalStateException("the service ended early; see service.log");
      }
    }
  }

  /** How many whole lines end at or before {@code bytes}. */
  static long lines(long[] ends, long bytes) {
    int i = Arrays.binarySearch(ends, bytes);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** The end offset (exclusive) of every line of the file. */
  static long[] lineEnds(Path file) throws IOException {
    long[] ends = new long[1 << 20];
    int n = 0;
    long pos = 0;
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel ch = FileChannel.open(file)) {
      while (ch.read(buf) > 0) {
        buf.flip();
        while (buf.hasRemaining()) {
          pos++;
          if (buf.get() == '\n') {
            if (n == ends.length) {
              ends = Arrays.copyOf(ends, n * 2);
            }
            ends[n++] = pos;
          }
        }
        buf.clear();
      }
    }
    return Arrays.copyOf(ends, n);
  }
}
