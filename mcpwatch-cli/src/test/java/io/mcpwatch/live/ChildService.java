package io.mcpwatch.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A real {@code mcpwatch run} in a child JVM, for the tests that kill it with SIGKILL. */
final class ChildService {
  private ChildService() {}

  /** Starts {@code mcpwatch run -c config}, its stdout and stderr appended to {@code log}. */
  static Process start(Path config, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "io.mcpwatch.cli.Main", "run", "-c", config.toString())
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** How many children writing to {@code log} have reached the running state. */
  static long runningCount(Path log) throws IOException {
    if (!Files.exists(log)) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
      return lines.filter(l -> l.contains("LiveService: running")).count();
    }
  }
}
