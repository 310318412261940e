package io.mcpwatch.bench.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The ADR configuration as {@code mcpwatch init} writes it (4 apps x 2 envs x 4 alarms), with the
 * given sources, the database in the run directory and HTTP on a free loopback port.
 */
final class Adr {
  private Adr() {}

  /**
   * Writes {@code dir/mcpwatch.yaml} from {@code template} (an {@code mcpwatch init} file).
   *
   * @param sources YAML flow maps, one per source, e.g. {@code { app: teams, env: prod, ... }}
   * @return the configuration file
   */
  static Path write(Path template, Path dir, List<String> sources) throws IOException {
    String yaml = Files.readString(template, StandardCharsets.UTF_8);
    StringBuilder src = new StringBuilder("sources:\n");
    for (String s : sources) {
      src.append("  - ").append(s).append('\n');
    }
    yaml = replaceOnce(yaml, "\nsources:\n", "\n" + src);
    yaml = replaceOnce(yaml, "listen: 127.0.0.1:8787", "listen: 127.0.0.1:0");
    Files.createDirectories(dir);
    Path file = dir.resolve("mcpwatch.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  static String replaceOnce(String text, String from, String to) {
    int i = text.indexOf(from);
    if (i < 0) {
      throw new IllegalArgumentException("the template has no '" + from.strip() + "'");
    }
    return text.substring(0, i) + to + text.substring(i + from.length());
  }

  /** Deletes the run directory's database files (a fresh start). */
  static void freshDatabase(Path dir) throws IOException {
    Path data = dir.resolve("mcpwatch-data");
    for (String f : List.of("mcpwatch.db", "mcpwatch.db-wal", "mcpwatch.db-shm")) {
      Files.deleteIfExists(data.resolve(f));
    }
  }

  static Path database(Path dir) {
    return dir.resolve("mcpwatch-data/mcpwatch.db");
  }
}
