package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code run --exit-after-start} (hidden; the launcher's class-data training): the service starts
 * on a free port, stops cleanly at once and returns, leaving a database that {@code status} reads
 * and the next start opens (its lock released).
 */
class RunExitAfterStartTest {
  @TempDir Path dir;

  @Test
  void run_exitAfterStart_startsStopsAndReleasesTheDatabase() throws Exception {
    Path config = dir.resolve("mcpwatch.yaml");
    assertThat(Cli.run("init", config.toString()).exit()).isZero();

    Cli.Result first = Cli.run("run", "-c", config.toString(), "--port", "0", "--exit-after-start");

    assertThat(first.exit()).as(first.err()).isZero();
    Cli.Result status = Cli.run("status", "-c", config.toString(), "--format", "json");
    assertThat(status.exit()).as(status.err()).isZero();
    JsonNode root = JsonMapper.builder().build().readTree(status.out());
    assertThat(root.get("alarms").size()).isEqualTo(32);
    assertThat(dir.resolve("mcpwatch-data/keys")).isDirectory();
    Cli.Result second = Cli.run("run", "-c", config.toString(), "--port", "0", "--exit-after-start");
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(Files.exists(dir.resolve("mcpwatch-data/mcpwatch.db"))).isTrue();
  }

  /** {@code --exit-after-ingest}: one event posted to its own endpoint, answered, committed. */
  @Test
  void run_exitAfterIngest_servesOneIngestRequestThenStops() throws Exception {
    Path config = dir.resolve("mcpwatch.yaml");
    assertThat(Cli.run("init", config.toString()).exit()).isZero();

    Cli.Result run = Cli.run("run", "-c", config.toString(), "--port", "0", "--exit-after-ingest");

    assertThat(run.exit()).as(run.err()).isZero();
    Cli.Result status = Cli.run("status", "-c", config.toString(), "--format", "json");
    assertThat(status.exit()).as(status.err()).isZero();
    JsonNode root = JsonMapper.builder().build().readTree(status.out());
    java.util.List<String> matched = new java.util.ArrayList<>();
    for (JsonNode a : root.get("alarms")) {
      if (a.get("matchedEvents").asLong() > 0) {
        matched.add(a.get("alarmName").asString() + "=" + a.get("matchedEvents").asLong());
      }
    }
    assertThat(matched).singleElement().asString().endsWith("-http-4xx=1");
  }

  @Test
  void run_help_doesNotShowTheHiddenOptions() {
    assertThat(Cli.run("run", "--help").out()).doesNotContain("exit-after");
  }
}
