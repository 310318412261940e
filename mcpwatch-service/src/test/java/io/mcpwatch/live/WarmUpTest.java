package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link WarmUp}: a head start that leaves nothing running and touches no file. */
class WarmUpTest {

  private static Set<String> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .map(Thread::getName).collect(Collectors.toSet());
  }

  @Test
  void close_waitsForTheThread_andNoServerThreadOrFileIsLeft() throws Exception {
    Path cwd = Path.of("").toAbsolutePath();
    Set<String> filesBefore;
    try (Stream<Path> s = Files.list(cwd)) {
      filesBefore = s.map(Path::toString).collect(Collectors.toSet());
    }
    Set<String> threadsBefore = liveThreads();

    try (WarmUp w = WarmUp.begin()) {
      w.awaitLogging();
      assertThat(org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName())
          .doesNotContain("Substitute");
    }

    assertThat(liveThreads()).doesNotContain(WarmUp.THREAD);
    Set<String> added = liveThreads();
    added.removeAll(threadsBefore);
    // Javalin was configured, not started: no Jetty pool, acceptor or selector thread
    assertThat(added).noneMatch(n -> n.contains("Jetty") || n.startsWith("qtp")
        || n.contains("acceptor") || n.contains("selector"));
    try (Stream<Path> s = Files.list(cwd)) {
      assertThat(s.map(Path::toString).collect(Collectors.toSet())).isEqualTo(filesBefore);
    }
  }
}
