package io.mcpwatch.live;

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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Prometheus rules and the Grafana dashboard under {@code docs/}: their structure always, their
 * PromQL with {@code promtool} when it is installed (Debian's {@code prometheus} package, or
 * {@code $PROMTOOL}). That every metric they use is exposed is checked against a running service in
 * {@link MetricsEndpointTest}.
 */
class MonitoringFilesTest {

  @TempDir Path tmp;

  @Test
  void rules_haveTheHealthGroupWithTheExpectedAlerts() throws IOException {
    JsonNode groups = MonitoringFiles.rules().get("groups");
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).get("name").asString()).isEqualTo("mcpwatch-health");
    Map<String, JsonNode> alerts = new TreeMap<>();
    groups.get(0).get("rules").forEach(r -> alerts.put(r.get("alert").asString(), r));
    assertThat(alerts).containsKeys("McpwatchDown", "McpwatchSourceStalled",
        "McpwatchCommitsFailing", "McpwatchOutboxStuck");
    assertThat(alerts.get("McpwatchSourceStalled").get("expr").asString())
        .contains("mcpwatch_source_lag_bytes").contains("mcpwatch_source_bytes_total");
    assertThat(alerts.get("McpwatchCommitsFailing").get("expr").asString())
        .contains("mcpwatch_commit_failures_total").contains("mcpwatch_commits_total");
    assertThat(alerts.get("McpwatchOutboxStuck").get("expr").asString())
        .contains("mcpwatch_outbox_oldest_pending_age_seconds").contains("mcpwatch_outbox_stuck");
    alerts.forEach((name, r) -> {
      assertThat(r.get("labels").get("severity").asString()).as(name)
          .isIn("critical", "warning", "info");
      assertThat(r.get("annotations").get("summary").asString()).as(name).isNotBlank();
    });
  }

  @Test
  void dashboard_everyPanelQueriesMcpwatchMetrics() throws IOException {
    JsonNode d = MonitoringFiles.dashboard();
    assertThat(d.get("uid").asString()).isEqualTo("mcpwatch");
    int panels = 0;
    for (JsonNode p : d.get("panels")) {
      if ("row".equals(p.get("type").asString())) {
        continue;
      }
      panels++;
      assertThat(p.get("targets")).as(p.get("title").asString()).isNotEmpty();
      p.get("targets").forEach(t ->
          assertThat(t.get("expr").asString()).as(p.get("title").asString())
              .contains("mcpwatch_"));
    }
    assertThat(panels).isGreaterThanOrEqualTo(15);
    assertThat(MonitoringFiles.referencedMetricNames()).contains("mcpwatch_alarm_state",
        "mcpwatch_metric_sum", "mcpwatch_source_lag_bytes", "mcpwatch_outbox_pending",
        "mcpwatch_deliveries_total", "mcpwatch_http_requests_total",
        "mcpwatch_commit_duration_seconds_bucket",
        "mcpwatch_boundary_evaluation_duration_seconds_bucket");
  }

  @Test
  void rules_passPromtoolCheckAndTheirUnitTests() throws Exception {
    String promtool = promtool();
    assertThat(run(promtool, "check", "rules", MonitoringFiles.RULES.toString()))
        .contains("SUCCESS");
    assertThat(run(promtool, "test", "rules", MonitoringFiles.RULE_TESTS.toString()))
        .contains("SUCCESS");
  }

  /** promtool parses PromQL only in rule files: each dashboard query becomes a recording rule. */
  @Test
  void dashboard_queriesParseAsPromql() throws Exception {
    String promtool = promtool();
    List<String> queries = MonitoringFiles.dashboardQueries();
    StringBuilder yaml = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int i = 0;
    for (String q : queries) {
      String expr = q.replace("$__rate_interval", "5m").replace("$__range", "1h")
          .replace("$instance", ".*").replace("$env", ".*");
      if (expr.startsWith("label_values(")) { // a Grafana function: check its selector
        expr = expr.substring("label_values(".length(), expr.lastIndexOf(','));
      }
      assertThat(expr).as(q).doesNotContain("$");
      yaml.append("      - record: dashboard:q").append(i++).append("\n        expr: '")
          .append(expr.replace("'", "''")).append("'\n");
    }
    Path file = tmp.resolve("dashboard-queries.yml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    assertThat(run(promtool, "check", "rules", file.toString()))
        .contains("SUCCESS: " + queries.size() + " rules found");
  }

  private static String promtool() {
    String env = System.getenv("PROMTOOL");
    if (env != null && new File(env).canExecute()) {
      return env;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, "promtool");
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    assumeTrue(false, "promtool is not installed (Debian: the prometheus package; or set PROMTOOL)");
    throw new AssertionError("unreachable");
  }

  private static String run(String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    return out;
  }
}
