package io.mcpwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code aws} command (botocore: AWS JSON 1.1 for Logs, AWS JSON 1.0 for CloudWatch) against
 * a real server; skipped where the command is not installed.
 */
@Tag("slow")
class AwsCliTest {
  static TestServer server;
  static String aws;
  @TempDir static Path home;

  @BeforeAll
  static void start() {
    aws = which("aws");
    assumeTrue(aws != null, "the aws command is not installed");
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static String which(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  record Result(int exit, String out, String err) {
    JsonNode json() {
      return JsonMapper.builder().build().readTree(out);
    }
  }

  static Result run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(aws);
    cmd.add("--endpoint-url");
    cmd.add(server.uri().toString());
    cmd.add("--output");
    cmd.add("json");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("HOME", home.toString());
    env.put("AWS_ACCESS_KEY_ID", TestServer.KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", TestServer.SECRET);
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
    env.put("AWS_MAX_ATTEMPTS", "1");
    pb.redirectOutput(home.resolve("out.txt").toFile());
    pb.redirectError(home.resolve("err.txt").toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("aws " + String.join(" ", args) + " did not finish");
    }
    return new Result(
        p.exitValue(),
        Files.readString(home.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(home.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void logsPutLogEvents_countsTheEvents() throws Exception {
    long now = System.currentTimeMillis();
    Result r =
        run(
            "logs", "put-log-events", "--log-group-name", "/mcp/files", "--log-stream-name", "cli",
            "--log-events", "timestamp=" + now + ",message=cli-one", "timestamp=" + (now + 1) + ",message=cli-two");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("nextSequenceToken").stringValue()).isNotBlank();
    assertThat(server.sink.counts()).containsEntry("cli-one", 1).containsEntry("cli-two", 1);
    Result missing =
        run(
            "logs", "put-log-events", "--log-group-name", "/nope", "--log-stream-name", "cli",
            "--log-events", "timestamp=" + now + ",message=cli-lost");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err()).contains("ResourceNotFoundException");
  }

  @Test
  void logsTestMetricFilter_matches() throws Exception {
    Result r =
        run(
            "logs", "test-metric-filter", "--filter-pattern", "ERROR",
            "--log-event-messages", "ERROR one", "fine");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("matches")).hasSize(1);
  }

  @Test
  void cloudwatchDescribeAlarms_andHistory() throws Exception {
    Result r = run("cloudwatch", "describe-alarms");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode alarms = r.json().get("MetricAlarms");
    assertThat(alarms).hasSize(2);
    assertThat(alarms.get(1).get("AlarmName").stringValue()).isEqualTo("github-denied");
    assertThat(alarms.get(1).get("StateValue").stringValue()).isEqualTo("ALARM");
    Result h = run("cloudwatch", "describe-alarm-history", "--alarm-name", "github-denied");
    assertThat(h.exit()).as(h.err()).isZero();
    assertThat(h.json().get("AlarmHistoryItems")).hasSize(2);
    Result lm = run("cloudwatch", "list-metrics", "--namespace", "MCP/Security");
    assertThat(lm.exit()).as(lm.err()).isZero();
    assertThat(lm.json().get("Metrics")).hasSize(2);
  }

  @Test
  void cloudwatchGetMetricData_sums() throws Exception {
    long start = server.model.base.getEpochSecond();
    String queries =
        "[{\"Id\":\"d\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"MCP/Security\",\"MetricName\":\"Denied\","
            + "\"Dimensions\":[{\"Name\":\"MCP\",\"Value\":\"github\"}]},\"Period\":300,\"Stat\":\"Sum\"}}]";
    Result r =
        run(
            "cloudwatch", "get-metric-data", "--metric-data-queries", queries,
            "--start-time", Long.toString(start), "--end-time", Long.toString(start + 3600),
            "--scan-by", "TimestampAscending");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode result = r.json().get("MetricDataResults").get(0);
    assertThat(result.get("Values").get(0).doubleValue()).isEqualTo(15.0);
    assertThat(result.get("Values").get(1).doubleValue()).isEqualTo(40.0);
  }

  @Test
  void cloudwatchSetAlarmState_andErrors() throws Exception {
    Result r =
        run(
            "cloudwatch", "set-alarm-state", "--alarm-name", "files-errors", "--state-value", "ALARM",
            "--state-reason", "cli test");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(server.model.commands).contains("files-errors ALARM cli test");
    Result missing =
        run(
            "cloudwatch", "set-alarm-state", "--alarm-name", "nope", "--state-value", "OK",
            "--state-reason", "x");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err()).contains("ResourceNotFound");
  }
}
