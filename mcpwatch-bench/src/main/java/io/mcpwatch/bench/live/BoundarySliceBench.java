package io.mcpwatch.bench.live;

import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.engine.Engine;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.state.StateCommit;
import io.mcpwatch.storage.state.StateStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The first boundary after a start (every alarm leaves INSUFFICIENT_DATA) on the engine thread,
 * in process, measured in thread CPU so that the machine's load does not enter: undivided ({@code
 * Engine.tick()} and one commit) against slices ({@code tick(slice)} and a commit each), on a
 * real SQLite store. Rounds alternate; the first two are cold.
 *
 * <p>Before it, the first full commit of the new engine: undivided, or with {@code --part N} in
 * parts of N new alarms and series ({@code StateStore.commit(StateCommit, int)}), each part's CPU
 * and wall time.
 *
 * <p>Options: {@code --config mcpwatch.yaml} (e.g. the one {@code BoundaryBench} writes) {@code
 * [--slice 250] [--part 0] [--rounds 6] --dir RUNDIR}.
 */
public final class BoundarySliceBench {
  private BoundarySliceBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = Args.parse(args);
    LoadedConfig cfg = ConfigFiles.load(Path.of(o.get("config")));
    int slice = Integer.parseInt(o.getOrDefault("slice", "250"));
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "6"));
    int part = Integer.parseInt(o.getOrDefault("part", "0")); // 0: the first commit undivided
    Path dir = Path.of(o.get("dir"));
    Files.createDirectories(dir);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long start = 1_800_000_000_000L;
    for (int round = 0; round < rounds; round++) {
      boolean sliced = round % 2 == 1;
      Path db = dir.resolve("round-" + round + ".db");
      Files.deleteIfExists(db);
      AtomicLong now = new AtomicLong(start + 30_000);
      InstantSource clock = () -> Instant.ofEpochMilli(now.get());
      List<AlarmTransition> ts = new ArrayList<>();
      Engine e = Engine.create(cfg.alarms(), cfg.engineOptions(false), clock, ts::add);
      try (Database d = Database.open(DatabaseConfig.sqlite(db))) {
        StateStore store = StateStore.create(d, clock);
        long start0 = mx.getCurrentThreadCpuTime();
        long f0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        long maxCpu = 0;
        long maxWall = 0;
        int parts = 0;
        if (part > 0) {
          store.commit(StateCommit.of(e.snapshot()), part);
        } else {
          store.commit(StateCommit.of(e.snapshot()));
        }
        e.changes();
        while (true) {
          parts++;
          long c = mx.getCurrentThreadCpuTime();
          long w = System.nanoTime();
          maxCpu = Math.max(maxCpu, c - f0);
          maxWall = Math.max(maxWall, w - w0);
          if (!store.hasUnwritten()) {
            break;
          }
          f0 = c;
          w0 = w;
          store.commitChanges(e.changes(), Map.of(), List.of());
        }
        System.out.printf(Locale.ROOT, "round %d: first full commit of %,d alarms in %d part(s):"
            + " largest part engine-thread CPU %d ms, wall %d ms; all parts CPU %d ms%n", round,
            cfg.alarms().size(), parts, maxCpu / 1_000_000, maxWall / 1_000_000,
            (mx.getCurrentThreadCpuTime() - start0) / 1_000_000);
        now.set(start + 60_000 + 5);
        long total = 0;
        long max = 0;
        int slices = 0;
        boolean done = false;
        while (!done) {
          long c0 = mx.getCurrentThreadCpuTime();
          if (sliced) {
            done = e.tick(slice);
          } else {
            e.tick();
            done = true;
          }
          store.commitChanges(e.changes(), Map.of(), List.of());
          long c = mx.getCurrentThreadCpuTime() - c0;
          total += c;
          max = Math.max(max, c);
          slices++;
        }
        System.out.printf(Locale.ROOT, "round %d %s: %,d transitions, %d slice(s), engine-thread"
            + " CPU %d ms in all, largest slice %d ms%n", round,
            sliced ? "slices of " + slice : "undivided", ts.size(), slices, total / 1_000_000,
            max / 1_000_000);
      }
    }
  }
}
