package io.mcpwatch.bench.live;

import io.mcpwatch.demo.CorpusGenerator;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resident memory of {@code mcpwatch run} on the ADR configuration with 8 file sources (one per
 * app and env), while this process appends each group's plain-text lines to its file, {@code
 * --rate} lines/s in total (evenly split) for {@code --seconds}. VmRSS is sampled every second
 * from /proc; the maximum is the figure.
 *
 * <p>Options: {@code --jar mcpwatch.jar --template adr.yaml --dir RUNDIR --corpus-dir DIR (the
 * TextCorpus output) [--rate 10000] [--seconds 180] [--cpu ""] [--java-opts "..."]}.
 */
public final class RssBench {
  private RssBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = Args.parse(args);
    Path dir = Path.of(o.get("dir")).toAbsolutePath();
    Path corpusDir = Path.of(o.get("corpus-dir"));
    long rate = Long.parseLong(o.getOrDefault("rate", "10000"));
    int seconds = Integer.parseInt(o.getOrDefault("seconds", "180"));
    Files.createDirectories(dir.resolve("logs"));
    Adr.freshDatabase(dir);
    List<String> sources = new ArrayList<>();
    List<Path> inputs = new ArrayList<>();
    List<Path> outputs = new ArrayList<>();
    for (String env : CorpusGenerator.ENVS) {
      for (String app : CorpusGenerator.APPS) {
        Path out = dir.resolve("logs/" + env + "-" + app + ".log");
        Files.deleteIfExists(out);
        Files.createFile(out);
        outputs.add(out);
        inputs.add(corpusDir.resolve(env + "-" + app + ".log"));
        sources.add("{ app: " + app + ", env: " + env + ", type: file, path: " + out
            + ", startAt: beginning }");
      }
    }
    Path config = Adr.write(Path.of(o.get("template")), dir, sources);
    try (Child c = Child.start(Path.of(o.get("jar")), config, Adr.database(dir),
        o.getOrDefault("cpu", ""), o.getOrDefault("java-opts", ""), dir.resolve("service.log"))) {
      while (c.committedBytes() < 0) {
        Thread.sleep(10);
      }
      AtomicLong appendedBytes = new AtomicLong();
      AtomicLong appendedLines = new AtomicLong();
      long start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      Thread writer = new Thread(() -> feed(inputs, outputs, rate, start, end, appendedLines,
          appendedBytes), "appender");
      writer.start();
      for (int s = 1; writer.isAlive(); s++) {
        Thread.sleep(Math.max(0, (start + s * 1_000_000_000L - System.nanoTime()) / 1_000_000));
        if (s % 10 == 0) {
          List<Long> rss = c.rssSamples();
          System.out.printf(Locale.ROOT,
              "  t=%3ds appended %,d lines, committed %,d of %,d bytes; VmRSS %,d KiB (max %,d)"
                  + "  load %s%n", s, appendedLines.get(), c.committedBytes(),
              appendedBytes.get(), rss.isEmpty() ? 0 : rss.get(rss.size() - 1), c.maxRssKib(),
              Load.average());
        }
        if (!c.alive()) {
          throw new IllegalStateException("the service ended early; see service.log");
        }
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (c.committedBytes() < appendedBytes.get() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      System.out.printf(Locale.ROOT,
          "RESULT rss: %,d lines in %d s (%,d lines/s) over 8 files; committed %,d of %,d bytes;"
              + " max VmRSS %,d KiB = %.1f MiB (%d samples)%n",
          appendedLines.get(), seconds, appendedLines.get() / seconds, c.committedBytes(),
          appendedBytes.get(), c.maxRssKib(), c.maxRssKib() / 1024.0, c.rssSamples().size());
    }
  }

  private static void feed(List<Path> inputs, List<Path> outputs, long rate, long start, long end,
      AtomicLong appendedLines, AtomicLong appendedBytes) {
    int n = inputs.size();
    try {
      List<long[]> ends = new ArrayList<>();
      List<FileChannel> in = new ArrayList<>();
      List<FileChannel> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ends.add(IngestBench.lineEnds(inputs.get(i)));
        in.add(FileChannel.open(inputs.get(i)));
        out.add(FileChannel.open(outputs.get(i), StandardOpenOption.APPEND));
      }
      long[] done = new long[n]; // lines written per file, may wrap around the input
      while (System.nanoTime() < end) {
        long due = (System.nanoTime() - start) * rate / n / 1_000_000_000L;
        for (int i = 0; i < n; i++) {
          long[] e = ends.get(i);
          while (done[i] < due) {
            int from = (int) (done[i] % e.length);
            int to = (int) Math.min(e.length, from + (due - done[i]));
            long a = from == 0 ? 0 : e[from - 1];
            long b = e[to - 1];
            for (long p = a; p < b; ) {
              p += in.get(i).transferTo(p, b - p, out.get(i));
            }
            appendedBytes.addAndGet(b - a);
            appendedLines.addAndGet(to - from);
            done[i] += to - from;
          }
        }
        Thread.sleep(10);
      }
      for (int i = 0; i < n; i++) {
        in.get(i).close();
        out.get(i).close();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
