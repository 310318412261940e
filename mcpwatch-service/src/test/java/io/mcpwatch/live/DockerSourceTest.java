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

  /**
   * Issue 9 item 2: a line over 16 KiB arrives as records without a trailing newline; the service
   * stops (cleanly) after the first two of three parts. After the restart the whole line counts
   * once: the checkpoint never passed the start of the incomplete event.
   */
  @Test
  void dockerSplitLine_stopBetweenItsParts_isCountedWholeOnceAfterTheRestart() throws Exception {
    Instant now = ServiceFixture.awayFromBoundary();
    String message = ServiceFixture.OBO_MESSAGE + " " + "x".repeat(40_000);
    String[] parts = {message.substring(0, 16_384), message.substring(16_384, 32_768),
        message.substring(32_768)};
    try (ServiceFixture f = new ServiceFixture(dir, "docker", "none", false)) {
      f.start();
      f.append(docker(now, ServiceFixture.accessMessage(200))); // a complete line before
      f.append(part(now, parts[0]), part(now, parts[1]));
      f.awaitLines(3);
      await().atMost(Duration.ofSeconds(10)).until(() -> f.service.stats().commits() >= 2);
      f.service.stop();
      f.append(docker(now, parts[2]));
      f.start();
      f.awaitLines(2); // the restart reads the two parts again, and the last
      await().atMost(Duration.ofSeconds(10)).until(() ->
          ServiceFixture.alarm(f.status(), "teams-prod-auth-failures").matchedEvents() >= 1);
      Thread.sleep(1_000); // nothing more arrives: the line counts once
      assertThat(ServiceFixture.alarm(f.status(), "teams-prod-auth-failures").matchedEvents())
          .isEqualTo(1);
      assertThat(ServiceFixture.alarm(f.status(), "teams-prod-http-5xx").matchedEvents())
          .isZero();
    }
  }

  /** A json-file record of a part of a long line: no newline at the end of its log. */
  private static String part(Instant t, String text) {
    return "{\"log\":\"" + text + "\",\"stream\":\"stderr\",\"time\":\"" + t + "\"}";
  }

  /** What Docker's json-file driver writes for one line of a container's stdout. */
  private static String docker(Instant t, String message) {
    return "{\"log\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\\n\",\"stream\":\"stderr\",\"time\":\"" + t + "\"}";
  }
}
