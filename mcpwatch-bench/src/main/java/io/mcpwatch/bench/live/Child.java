package io.mcpwatch.bench.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A child {@code mcpwatch run -c CONFIG} (optionally pinned with {@code taskset -c CPU}), its
 * resident memory sampled every second from {@code /proc/PID/status}, and its committed source
 * checkpoints read from its SQLite database (WAL: reading never blocks the service).
 */
final class Child implements AutoCloseable {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final Path db;
  private final Thread sampler;
  private final AtomicLong maxRssKib = new AtomicLong();
  private final List<Long> rssKib = new ArrayList<>();
  private volatile boolean sampling = true;
  private Connection reader;

  private Child(Process process, Path db) {
    this.process = process;
    this.db = db;
    this.sampler = new Thread(this::sample, "rss-sampler");
    this.sampler.setDaemon(true);
    this.sampler.start();
  }

  /**
   * Starts the service.
   *
   * @param cpu the CPU list for taskset, or null for no pinning
   * @param javaOpts extra JVM options (split on spaces)
   */
  static Child start(Path jar, Path config, Path db, String cpu, String javaOpts, Path log)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    if (!cpu.isEmpty()) {
      cmd.addAll(List.of("taskset", "-c", cpu));
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String o : javaOpts.trim().split("\\s+")) {
      if (!o.isEmpty()) {
        cmd.add(o);
      }
    }
    cmd.addAll(List.of("-jar", jar.toString(), "run", "-c", config.toString()));
    System.out.println("child: " + String.join(" ", cmd));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    // never leave an orphaned service behind when the harness is interrupted
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "child-reaper"));
    return new Child(p, db);
  }

  long pid() {
    return process.pid();
  }

  private void sample() {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    while (sampling && process.isAlive()) {
      try {
        for (String l : Files.readAllLines(status, StandardCharsets.UTF_8)) {
          if (l.startsWith("VmRSS:")) {
            long kib = Long.parseLong(l.substring(6).trim().split("\\s+")[0]);
            synchronized (rssKib) {
              rssKib.add(kib);
            }
            maxRssKib.accumulateAndGet(kib, Math::max);
          }
        }
        Thread.sleep(1000);
      } catch (IOException | NumberFormatException e) {
        return; // the process ended
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The largest VmRSS seen, in KiB. */
  long maxRssKib() {
    return maxRssKib.get();
  }

  /** Every VmRSS sample, in KiB. */
  List<Long> rssSamples() {
    synchronized (rssKib) {
      return List.copyOf(rssKib);
    }
  }

  /**
   * The sum of the committed file offsets of every source (bytes), or -1 before the service's
   * first checkpoint commit (no database, no table or no row yet).
   */
  long committedBytes() {
    try {
      if (reader == null) {
        if (!Files.exists(db)) {
          return -1;
        }
        reader = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
      }
      long sum = 0;
      int rows = 0;
      try (Statement s = reader.createStatement();
          ResultSet r = s.executeQuery("SELECT body FROM source_checkpoint WHERE kind = 'files'")) {
        while (r.next()) {
          rows++;
          for (JsonNode f : JSON.readTree(r.getString(1))) {
            sum += f.get("offset").asLong();
          }
        }
      }
      return rows == 0 ? -1 : sum;
    } catch (SQLException e) {
      return -1; // not migrated yet, or busy
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM, then waits (the service commits and exits). */
  @Override
  public void close() throws Exception {
    sampling = false;
    if (reader != null) {
      reader.close();
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
