package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpwatch.storage.state.AlarmView;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 11 live: the service builds its engine from the same core wiring as backtest, so an
 * alarm naming {@code alarmDimensions: { Status: "404" }} on a filter with {@code Status: $status}
 * fires on tailed lines, and one naming no value gets no sample.
 */
class FieldDimensionLiveTest {
  private static final String PATTERN = "'[level, client, dash, request=*HTTP*, status, ...]'";

  @TempDir Path dir;

  @Test
  void run_alarmDimensionsValue_firesOnTailedLinesOfThatStatus() throws Exception {
    String yaml =
        ServiceFixture.YAML
            + String.join(
                "\n",
                "  not-found:",
                "    metric: Responses",
                "    pattern: " + PATTERN,
                "    dimensions: { Status: $status }",
                "    alarmDimensions: { Status: \"404\" }",
                "    threshold: 3",
                "  unwatched:",
                "    metric: Responses",
                "    pattern: " + PATTERN,
                "    dimensions: { Status: $status }",
                "    threshold: 1",
                "sources:",
                "  - { env: prod, app: teams, type: file, path: logs/*.log, format: jsonl,"
                    + " startAt: beginning }",
                "http: { host: 127.0.0.1, port: 0 }",
                "");
    try (ServiceFixture f = new ServiceFixture(dir, yaml, InstantSource.system())) {
      f.append(); // the file exists before the start, so that the lines below are read at once
      LiveService s = f.start();
      // a slow start must not push the reading of the lines past the minute they are stamped in
      await().atMost(Duration.ofSeconds(60))
          .until(() -> f.recorder.notices.stream().anyMatch(n -> n.startsWith("following ")));
      Instant t = ServiceFixture.awayFromBoundary();
      f.append(
          ServiceFixture.jsonl(t, ServiceFixture.accessMessage(404)),
          ServiceFixture.jsonl(t, ServiceFixture.accessMessage(404)),
          ServiceFixture.jsonl(t, ServiceFixture.accessMessage(500)),
          ServiceFixture.jsonl(t, ServiceFixture.accessMessage(404)),
          ServiceFixture.jsonl(t, ServiceFixture.accessMessage(404)));

      // early firing, or the next minute's evaluation on a slow machine: either way it fires
      await().atMost(Duration.ofSeconds(150))
          .until(() -> LiveServiceTest.alarmed(f, "teams-prod-not-found"));
      assertThat(f.recorder.transitions)
          .filteredOn(x -> x.alarm().spec().alarmName().equals("teams-prod-not-found"))
          .allSatisfy(x -> assertThat(x.alarm().spec().dimensions())
              .isEqualTo(Map.of("MCP", "teams", "Status", "404")));
      await().atMost(Duration.ofSeconds(60)).until(() -> s.stats().lines() >= 5
          && ServiceFixture.alarm(f.status(), "teams-prod-not-found").matchedEvents() == 5);
      AlarmView notFound = ServiceFixture.alarm(f.status(), "teams-prod-not-found");
      assertThat(notFound.minutes().stream().mapToDouble(m -> m.sum()).sum()).isEqualTo(4);
      // the filter matched all five lines, but {MCP = teams} alone is a metric no line publishes
      AlarmView unwatched = ServiceFixture.alarm(f.status(), "teams-prod-unwatched");
      assertThat(unwatched.matchedEvents()).isEqualTo(5);
      assertThat(unwatched.minutes()).isEmpty();
      assertThat(LiveServiceTest.alarmed(f, "teams-prod-unwatched")).isFalse();
    }
  }
}
