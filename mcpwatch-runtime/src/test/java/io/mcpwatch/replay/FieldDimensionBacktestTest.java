package io.mcpwatch.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.lint.Finding;
import io.mcpwatch.lint.Severity;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.EventReaders;
import io.mcpwatch.source.read.ReadOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 11 as a user meets it: a metric filter with a field dimension ({@code Status:
 * $status}) publishes one metric per status, as in CloudWatch, so an alarm must name the dimension
 * value it watches ({@code alarmDimensions}); without it the alarm watches a metric no event
 * publishes, and {@code validate} says so.
 */
class FieldDimensionBacktestTest {
  private static final long START = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

  private static final String CONFIG =
      "namespace: MCP/Security\n"
          + "logGroup: /app/{app}\n"
          + "alarmName: \"{app}-{env}-{alarm}\"\n"
          + "environments:\n"
          + "  prod: { topic: alarms-prod, subscribers: [ { email: ops@example.com } ] }\n"
          + "apps: [web]\n"
          + "defaults: { period: 60, evaluationPeriods: 1, threshold: 5 }\n"
          + "alarms:\n"
          + "  not-found:\n"
          + "    metric: Responses\n"
          + "    pattern: '[ip, user, status, bytes]'\n"
          + "    dimensions: { Status: $status }\n";

  @TempDir Path dir;

  @Test
  void backtest_fieldDimensionWithoutValue_staysInsufficientAndValidateSaysWhy() throws IOException {
    Path config = write("mcpwatch.yaml", CONFIG);

    Replay.AlarmResult r = backtest(config, lines(50, "404")).get(0);

    // CloudWatch: samples go to {MCP=web, Status=404}; the alarm watches {MCP=web}: never a sample
    assertThat(r.matchedEvents()).isEqualTo(50);
    assertThat(r.minutes()).isEmpty();
    assertThat(r.finalState()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
    List<Finding> warnings =
        ConfigFiles.check(config, Map.of()).findings().stream()
            .filter(f -> f.severity() == Severity.WARNING)
            .collect(Collectors.toList());
    assertThat(warnings).hasSize(1);
    Finding f = warnings.get(0);
    assertThat(f.rule()).isEqualTo("field-dimension-unwatched");
    assertThat(f.path()).isEqualTo("alarms.not-found.dimensions.Status");
    assertThat(f.line()).isEqualTo(12);
    assertThat(f.message())
        .contains("one metric per value of $status")
        .contains("Status = <value>")
        .contains("the alarm names no value for Status")
        .contains("{MCP = {app}}")
        .contains("INSUFFICIENT_DATA");
    assertThat(f.suggestion()).contains("alarmDimensions: { Status: \"<value>\" }");
  }

  @Test
  void backtest_alarmDimensionsNamesTheValue_firesOnThatValueOnly() throws IOException {
    Path config =
        write(
            "mcpwatch.yaml",
            CONFIG
                + "    alarmDimensions: { Status: \"404\" }\n"
                + "  server-errors:\n"
                + "    metric: Responses\n"
                + "    pattern: '[ip, user, status, bytes]'\n"
                + "    dimensions: { Status: $status }\n"
                + "    alarmDimensions: { Status: \"500\" }\n");
    assertThat(ConfigFiles.check(config, Map.of()).findings())
        .noneMatch(f -> f.severity() == Severity.WARNING || f.severity() == Severity.ERROR);

    List<Replay.AlarmResult> results = backtest(config, lines(50, "404") + lines(2, "500"));

    Replay.AlarmResult notFound = results.get(0);
    assertThat(notFound.alarm().spec().dimensions())
        .containsExactlyInAnyOrderEntriesOf(Map.of("MCP", "web", "Status", "404"));
    assertThat(notFound.matchedEvents()).isEqualTo(52); // one filter: both alarms share it
    assertThat(notFound.minutes()).isNotEmpty();
    assertThat(notFound.minutes().stream().mapToDouble(m -> m.sum()).sum()).isEqualTo(50);
    assertThat(notFound.timesFired()).isEqualTo(1);
    Replay.AlarmResult serverErrors = results.get(1);
    assertThat(serverErrors.minutes().stream().mapToDouble(m -> m.sum()).sum()).isEqualTo(2);
    assertThat(serverErrors.timesFired()).isZero();
    assertThat(serverErrors.finalState()).isEqualTo(AlarmState.OK);
  }

  @Test
  void backtest_jsonNumberDimensionAndAnUnquotedValue_fires() throws IOException {
    Path config =
        write(
            "mcpwatch.yaml",
            CONFIG.replace("'[ip, user, status, bytes]'", "'{ $.status = * }'")
                .replace("{ Status: $status }", "{ Status: $.status }")
                + "    alarmDimensions: { Status: 404 }\n");
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      int status = i % 4 == 3 ? 500 : 404; // a JSON number: the dimension value is its text
      in.append("{\"timestamp\": ")
          .append(START + i * 1000L)
          .append(", \"logGroup\": \"/app/web\", \"message\": \"{\\\"status\\\": ")
          .append(status)
          .append("}\"}\n");
    }

    Replay.AlarmResult r = backtest(config, in.toString()).get(0);

    assertThat(r.alarm().spec().dimensions()).containsEntry("Status", "404");
    assertThat(r.matchedEvents()).isEqualTo(8);
    assertThat(r.minutes()).singleElement().satisfies(m -> assertThat(m.sum()).isEqualTo(6));
    assertThat(r.timesFired()).isEqualTo(1);
  }

  private List<Replay.AlarmResult> backtest(Path config, String jsonLines) throws IOException {
    LoadedConfig cfg = ConfigFiles.load(config);
    Path input = write("in.jsonl", jsonLines);
    try (EventReader reader = EventReaders.open(input, ReadOptions.defaults())) {
      return Replay.run(cfg.alarms(), reader, cfg.engineOptions(false), null, null, n -> {})
          .alarms();
    }
  }

  /** {@code n} access lines with {@code status}, one a second from START. */
  private static String lines(int n, String status) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("{\"timestamp\": ")
          .append(START + i * 1000L)
          .append(", \"logGroup\": \"/app/web\", \"message\": \"10.0.0.")
          .append(i % 250)
          .append(" alice ")
          .append(status)
          .append(" 512\"}\n");
    }
    return sb.toString();
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }
}
