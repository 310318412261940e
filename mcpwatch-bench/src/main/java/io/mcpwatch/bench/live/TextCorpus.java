package io.mcpwatch.bench.live;

import io.mcpwatch.demo.CorpusGenerator;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain-text uvicorn and Python log lines, as the MCP servers write them: the messages of
 * {@link CorpusGenerator}'s JSON-lines corpus (same seed, same incidents), one line per event.
 *
 * <p>Command line: {@code TextCorpus OUTDIR LINES}. Writes {@code OUTDIR/all.log} (every line, in
 * time order) and {@code OUTDIR/<env>-<app>.log} (the lines of each of the 8 log groups); prints
 * the line and byte counts.
 */
public final class TextCorpus {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private TextCorpus() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: TextCorpus OUTDIR LINES");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    long lines = Long.parseLong(args[1].replace("_", ""));
    Files.createDirectories(dir);
    long[] written = write(dir, lines);
    System.out.printf(Locale.ROOT, "wrote %,d lines (%,d bytes) to %s%n", written[0], written[1],
        dir.resolve("all.log"));
  }

  /** Writes the files; returns {lines, bytes of all.log}. */
  static long[] write(Path dir, long lines) throws Exception {
    PipedInputStream in = new PipedInputStream(1 << 20);
    PipedOutputStream pipe = new PipedOutputStream(in);
    // ~175 bytes per JSON line; ask for enough, stop reading after LINES
    long target = lines * 400;
    Thread producer = new Thread(() -> {
      try (OutputStream o = pipe) {
        CorpusGenerator.write(o, target, 1, CorpusGenerator.Format.JSON_LINES);
      } catch (IOException e) {
        // the reader closed the pipe once it had enough lines
      }
    }, "corpus-producer");
    producer.setDaemon(true);
    producer.start();
    Map<String, OutputStream> groups = new HashMap<>();
    long n = 0;
    long bytes = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        OutputStream all = new BufferedOutputStream(
            Files.newOutputStream(dir.resolve("all.log")), 1 << 20)) {
      for (String l = r.readLine(); l != null && n < lines; l = r.readLine()) {
        JsonNode node = JSON.readTree(l);
        String message = node.get("message").asString().replace('\n', ' ');
        String group = node.get("logGroup").asString();
        byte[] b = (message + "\n").getBytes(StandardCharsets.UTF_8);
        all.write(b);
        OutputStream g = groups.get(group);
        if (g == null) {
          g = new BufferedOutputStream(Files.newOutputStream(dir.resolve(fileOf(group))), 1 << 16);
          groups.put(group, g);
        }
        g.write(b);
        n++;
        bytes += b.length;
      }
    } finally {
      for (OutputStream g : groups.values()) {
        g.close();
      }
      in.close();
    }
    return new long[] {n, bytes};
  }

  /** {@code /ecs/aiconnectors-prod-aiconnectors/teams-main-svc/teams} to {@code prod-teams.log}. */
  static String fileOf(String logGroup) {
    for (String env : CorpusGenerator.ENVS) {
      for (String app : CorpusGenerator.APPS) {
        if (logGroup.equals(CorpusGenerator.logGroup(env, app))) {
          return env + "-" + app + ".log";
        }
      }
    }
    throw new IllegalArgumentException("unknown log group " + logGroup);
  }
}
