package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpwatch.metrics.MinuteAggregate;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Docker json-file log: the event time is the record's {@code time}, not the time of reading. */
class DockerSourceTest {

  @TempDir Path dir;

  @Test
  void dockerJsonFile_countsEventsInTheMinuteOfTheirRecordTime() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "docker", "none", false)) {
      f.start();
      Instant then = Instant.now().minus(Duration.ofSeconds(70));
      String line = docker(then, ServiceFixture.OBO_MESSAGE);
      f.append(line, line, "{\"log\":\"broken", docker(then, ServiceFixture.accessMessage(200)));
      f.awaitLines(4);
      await().atMost(Duration.ofSeconds(10)).until(() ->
          ServiceFixture.alarm(f.status(), "teams-prod-auth-failures").matchedEvents() == 2);

      List<MinuteAggregate> minutes =
          ServiceFixture.alarm(f.status(), "teams-prod-auth-failures").minutes();
      assertThat(minutes.stream().map(MinuteAggregate::start).collect(Collectors.toList()))
          .containsExactly(then.truncatedTo(ChronoUnit.MINUTES));
      assertThat(minutes.get(0).sum()).isEqualTo(2.0);
      assertThat(f.service.stats().malformed()).isEqualTo(1);
    }
  }

  /** What Docker's json-file driver writes for one line of a container's stdout. */
  private static String docker(Instant t, String message) {
    return "{\"log\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\\n\",\"stream\":\"stderr\",\"time\":\"" + t + "\"}";
  }
}
