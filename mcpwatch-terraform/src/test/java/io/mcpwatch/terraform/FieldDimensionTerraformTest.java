package io.mcpwatch.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.replay.Replay;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.EventReaders;
import io.mcpwatch.source.read.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 11 through Terraform: an aws_cloudwatch_metric_alarm with {@code dimensions = {
 * Status = "404" }} on the metric of a filter with {@code Status = "$status"} watches that one
 * metric, as in CloudWatch, so it fires; an alarm without the dimension watches a metric no event
 * produces, and validate says so at its .tf line.
 */
class FieldDimensionTerraformTest {
  private static final long START = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

  private static final String FILTER =
      "resource \"aws_cloudwatch_log_metric_filter\" \"responses\" {\n"
          + "  name           = \"web-responses\"\n"
          + "  log_group_name = \"/app/web\"\n"
          + "  pattern        = \"[ip, user, status, bytes]\"\n"
          + "\n"
          + "  metric_transformation {\n"
          + "    name       = \"Responses\"\n"
          + "    namespace  = \"Web\"\n"
          + "    value      = \"1\"\n"
          + "    dimensions = { Status = \"$status\" }\n"
          + "  }\n"
          + "}\n";

  private static String alarm(String id, String dimensions) {
    return "\nresource \"aws_cloudwatch_metric_alarm\" \"" + id + "\" {\n"
        + "  alarm_name          = \"web-" + id + "\"\n"
        + "  namespace           = \"Web\"\n"
        + "  metric_name         = aws_cloudwatch_log_metric_filter.responses.metric_transformation[0].name\n"
        + dimensions
        + "  statistic           = \"Sum\"\n"
        + "  period              = 60\n"
        + "  evaluation_periods  = 1\n"
        + "  threshold           = 5\n"
        + "  comparison_operator = \"GreaterThanOrEqualToThreshold\"\n"
        + "  treat_missing_data  = \"notBreaching\"\n"
        + "}\n";
  }

  @TempDir Path dir;

  @Test
  void importTerraform_alarmNamingTheStatus_firesAndOneWithoutStaysInsufficient() throws Exception {
    Path tf =
        write(
            "tf/main.tf",
            FILTER
                + alarm("not_found", "  dimensions          = { Status = \"404\" }\n")
                + alarm("all", ""));

    ImportedConfig c = TerraformImport.load(List.of(tf.getParent().toString()), List.of(), List.of());

    assertThat(c.yaml()).contains("alarmDimensions: { Status: '404' }");
    ConfigCheck check = ConfigFiles.check("imported.yaml", c.yaml(), Map.of());
    assertThat(check.errors()).isEmpty();
    List<ResolvedAlarm> alarms = check.resolution().alarms();
    ResolvedAlarm notFound = byName(alarms, "web-not_found");
    assertThat(notFound.spec().dimensions()).isEqualTo(Map.of("Status", "404"));

    List<Replay.AlarmResult> r = backtest(alarms, lines(20, "404") + lines(3, "500", "/app/web", 20));
    Replay.AlarmResult nf = result(r, "web-not_found");
    assertThat(nf.timesFired()).isEqualTo(1);
    assertThat(nf.minutes().stream().mapToDouble(m -> m.sum()).sum()).isEqualTo(20);
    // CloudWatch's semantics: the alarm without dimensions watches {} and never gets a sample
    Replay.AlarmResult all = result(r, "web-all");
    assertThat(all.minutes()).isEmpty();
    assertThat(all.timesFired()).isZero();

    // validate PATH says why, at the .tf line of the filter's dimension
    String report =
        TerraformLint.check(c).stream()
            .map(TerraformLint.TfFinding::render)
            .collect(Collectors.joining());
    assertThat(report)
        .contains(tf + ":10:")
        .contains("warning: dimension Status takes its value from each event")
        .contains("the alarm names no value for Status")
        .contains(
            "fix: in aws_cloudwatch_metric_alarm (all), name the value to watch: dimensions = {"
                + " Status = \"<value>\" }");
  }

  /** {@code Status = "404.0"}: the events publish Status = 404; validate says so, with an HCL fix. */
  @Test
  void importTerraform_alarmDimensionWrittenAsADecimal_isAWarningWithTheLogsForm() throws Exception {
    Path tf = write("tf/main.tf",
        FILTER + alarm("not_found", "  dimensions          = { Status = \"404.0\" }\n"));

    ImportedConfig c = TerraformImport.load(List.of(tf.getParent().toString()), List.of(), List.of());

    String report =
        TerraformLint.check(c).stream()
            .map(TerraformLint.TfFinding::render)
            .collect(Collectors.joining());
    assertThat(report)
        .contains("warning: the alarm watches Status = 404.0")
        .contains("an event with 404 publishes Status = 404, never 404.0")
        .contains("fix: in aws_cloudwatch_metric_alarm (not_found), write the value as the logs"
            + " write it: dimensions = { Status = \"404\" }");
  }

  @Test
  void importTerraform_alarmDimensionTheFilterDoesNotPublish_isAnErrorAtTheAttribute()
      throws Exception {
    Path tf =
        write(
            "tf/main.tf",
            FILTER + alarm("typo", "  dimensions          = { Stat = \"404\" }\n"));

    assertThatThrownBy(
            () -> TerraformImport.load(List.of(tf.getParent().toString()), List.of(), List.of()))
        .isInstanceOfSatisfying(
            TerraformImport.ImportException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p ->
                            assertThat(p)
                                .startsWith(tf + ":18:")
                                .contains(
                                    "dimensions.Stat: aws_cloudwatch_log_metric_filter.responses"
                                        + " publishes no dimension Stat")
                                .contains("never fires")));
  }

  @Test
  void exportThenImport_alarmDimensions_roundTripAndTheSameBacktest() throws Exception {
    String yaml =
        "namespace: Web\n"
            + "logGroup: /app/{app}\n"
            + "alarmName: '{app}-{env}-{alarm}'\n"
            + "environments:\n"
            + "  prod: { topic: web-prod, subscribers: [{ email: ops@example.com }] }\n"
            + "apps: [web, api]\n"
            + "defaults: { dimensions: null, period: 60, treatMissingData: notBreaching }\n"
            + "alarms:\n"
            + "  not-found:\n"
            + "    metric: Responses\n"
            + "    pattern: '[ip, user, status, bytes]'\n"
            + "    dimensions: { Status: $status }\n"
            + "    alarmDimensions: { Status: '404' }\n"
            + "    threshold: 5\n"
            + "overrides:\n"
            + "  - { env: prod, app: api, alarm: not-found, alarmDimensions: { Status: '401' } }\n";
    ConfigCheck original = ConfigFiles.check("original.yaml", yaml, Map.of());
    assertThat(original.errors()).isEmpty();
    List<ResolvedAlarm> a = original.resolution().alarms();

    TerraformExport.Files tf = TerraformExport.render(original.config(), a, "original.yaml");
    assertThat(tf.files().get("modules/mcp_server/alarms.tf"))
        .contains("dimensions = { Status = \"$status\" }")
        .contains(
            "dimensions          = { Status = lookup(local.not_found_dim_Status, local.instance,"
                + " \"404\") }")
        .contains("not_found_dim_Status = { \"prod/api\" = \"401\" }");
    assertThat(tf.notes()).noneMatch(n -> n.contains("never"));
    Path out = dir.resolve("tf");
    tf.write(out);
    ImportedConfig imported =
        TerraformImport.load(
            List.of(out.resolve("envs/prod").toString()), List.of(), List.of());
    ConfigCheck back = ConfigFiles.check("imported.yaml", imported.yaml(), Map.of());
    assertThat(back.errors()).as(imported.yaml()).isEmpty();
    List<ResolvedAlarm> b = back.resolution().alarms();

    assertThat(RoundTripTest.describe(b, true)).isEqualTo(RoundTripTest.describe(a, true));
    assertThat(dims(b)).isEqualTo(dims(a)).containsEntry("api-prod-not-found", Map.of("Status", "401"));
    // a second export writes the same files
    assertThat(TerraformExport.render(back.config(), b, "original.yaml").files())
        .isEqualTo(tf.files());

    String log = lines(10, "404", "/app/api", 0) + lines(10, "404", "/app/web", 20)
        + lines(6, "401", "/app/api", 40);
    List<Replay.AlarmResult> ra = backtest(a, log);
    List<Replay.AlarmResult> rb = backtest(b, log);
    assertThat(fired(rb)).isEqualTo(fired(ra)).isEqualTo(Map.of("api-prod-not-found", 1L,
        "web-prod-not-found", 1L));
  }

  private static Map<String, Map<String, String>> dims(List<ResolvedAlarm> alarms) {
    return alarms.stream()
        .collect(Collectors.toMap(x -> x.spec().alarmName(), x -> x.spec().dimensions()));
  }

  private static Map<String, Long> fired(List<Replay.AlarmResult> r) {
    return r.stream()
        .collect(Collectors.toMap(x -> x.alarm().spec().alarmName(), Replay.AlarmResult::timesFired));
  }

  private static ResolvedAlarm byName(List<ResolvedAlarm> alarms, String name) {
    return alarms.stream().filter(x -> x.spec().alarmName().equals(name)).findFirst().orElseThrow();
  }

  private static Replay.AlarmResult result(List<Replay.AlarmResult> r, String name) {
    return r.stream()
        .filter(x -> x.alarm().spec().alarmName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private List<Replay.AlarmResult> backtest(List<ResolvedAlarm> alarms, String jsonLines)
      throws Exception {
    Path log = write("events-" + System.identityHashCode(alarms) + ".jsonl", jsonLines);
    try (EventReader reader = EventReaders.open(log, ReadOptions.defaults())) {
      return Replay.run(alarms, reader, EngineOptions.defaults(), null, null, n -> {}).alarms();
    }
  }

  /** {@code n} access lines of /app/web with {@code status}, one a second from START. */
  private static String lines(int n, String status) {
    return lines(n, status, "/app/web", 0);
  }

  /** {@code n} access lines of {@code group}, one a second from START + {@code second}. */
  private static String lines(int n, String status, String group, int second) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("{\"timestamp\": ")
          .append(START + (second + i) * 1000L)
          .append(", \"logGroup\": \"")
          .append(group)
          .append("\", \"message\": \"10.0.0.1 alice ")
          .append(status)
          .append(" 512\"}\n");
    }
    return sb.toString();
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }
}
