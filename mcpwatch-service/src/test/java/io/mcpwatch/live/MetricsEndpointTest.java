package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} of a running service on 127.0.0.1, parsed as Prometheus would. */
class MetricsEndpointTest {
  private static final String AUTH = "teams-prod-auth-failures";

  @TempDir Path dir;

  @Test
  void metrics_countersMoveAndTheAlarmStateFlipsAfterABurst() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      // no evaluation before the first scrape: it expects INSUFFICIENT_DATA
      ServiceFixture.awayFromBoundary(Duration.ofSeconds(40));
      LiveService s = f.start();
      URI base = s.httpUri();
      Instant now = ServiceFixture.awayFromBoundary();
      f.append(ServiceFixture.jsonl(now, "hello"));
      f.awaitLines(1);
      Exposition before = scrape(base);
      String source = source(before);
      assertThat(before.value("mcpwatch_source_lines_total", "source", source)).isEqualTo(1);
      assertThat(before.value("mcpwatch_alarm_state", "alarm", AUTH, "state", "ALARM"))
          .isEqualTo(0);
      assertThat(before.value("mcpwatch_alarm_state", "alarm", AUTH, "state",
          "INSUFFICIENT_DATA")).isEqualTo(1);

      // two failures in the minute before (the metric's last complete minute), three now (the
      // alarm's threshold), one broken JSON line, one oversized line, one unknown log group
      Instant lastMinute = Instant.ofEpochMilli(
          Math.floorDiv(now.toEpochMilli(), 60_000L) * 60_000L - 30_000L);
      String big = ServiceFixture.jsonl(now, "x".repeat(400_000));
      f.append(
          ServiceFixture.jsonl(lastMinute, ServiceFixture.OBO_MESSAGE),
          ServiceFixture.jsonl(lastMinute, ServiceFixture.OBO_MESSAGE),
          ServiceFixture.jsonl(now, ServiceFixture.OBO_MESSAGE),
          ServiceFixture.jsonl(now, ServiceFixture.OBO_MESSAGE),
          ServiceFixture.jsonl(now, ServiceFixture.OBO_MESSAGE),
          "{\"timestamp\":" + now.toEpochMilli() + ",\"message\":",
          big,
          "{\"timestamp\":" + now.toEpochMilli() + ",\"message\":\"m\",\"logGroup\":\"/nope\"}");
      f.awaitLines(9);
      await().atMost(Duration.ofSeconds(10)).until(() -> LiveServiceTest.alarmed(f, AUTH));
      await().atMost(Duration.ofSeconds(10)).until(() -> s.stats().commits() >= 2
          && scrape(base).value("mcpwatch_alarm_state", "alarm", AUTH, "state", "ALARM") == 1);

      Exposition after = scrape(base);
      assertThat(after.value("mcpwatch_source_lines_total", "source", source)).isEqualTo(9);
      assertThat(after.value("mcpwatch_source_bytes_total", "source", source))
          .isGreaterThan(262_144); // an oversized line counts the bytes read before the cut
      assertThat(after.value("mcpwatch_source_rejected_lines_total", "source", source,
          "reason", "malformed")).isEqualTo(1);
      assertThat(after.value("mcpwatch_source_rejected_lines_total", "source", source,
          "reason", "oversized")).isEqualTo(1);
      assertThat(after.value("mcpwatch_unknown_log_group_events_total")).isEqualTo(1);
      assertThat(after.value("mcpwatch_source_lag_bytes", "source", source)).isZero();
      assertThat(after.value("mcpwatch_alarm_state", "alarm", AUTH, "state", "ALARM"))
          .isEqualTo(1);
      assertThat(after.value("mcpwatch_alarm_state", "alarm", AUTH, "state",
          "INSUFFICIENT_DATA")).isEqualTo(0);
      assertThat(after.value("mcpwatch_alarm_state", "alarm", "teams-prod-http-5xx", "env",
          "prod", "app", "teams", "state", "ALARM")).isEqualTo(0);
      assertThat(after.value("mcpwatch_alarm_transitions_total")).isGreaterThanOrEqualTo(1);

      // the filter's metric: labels from namespace, name and dimensions; the last minute's Sum
      Map<String, String> metric = Map.of("env", "prod", "namespace", "MCP/Security",
          "metric_name", "OBOAuthFailures");
      assertThat(after.find("mcpwatch_metric_sum", metric)).singleElement()
          .satisfies(m -> assertThat(m.value()).isEqualTo(2))
          .satisfies(m -> assertThat(m.labels()).containsKey("dimension_MCP"));
      assertThat(after.find("mcpwatch_metric_sample_count", metric)).singleElement()
          .satisfies(m -> assertThat(m.value()).isEqualTo(2));
      assertThat(after.find("mcpwatch_metric_maximum", metric)).singleElement()
          .satisfies(m -> assertThat(m.value()).isEqualTo(1));

      // commits with their latency histogram; the boundary histogram is exposed from the start
      double commits = after.value("mcpwatch_commits_total");
      assertThat(commits).isGreaterThanOrEqualTo(2);
      assertThat(after.value("mcpwatch_commit_duration_seconds_count")).isEqualTo(commits);
      assertThat(after.value("mcpwatch_commit_duration_seconds_bucket", "le", "+Inf"))
          .isEqualTo(commits);
      assertThat(after.find("mcpwatch_commit_duration_seconds_bucket", Map.of()))
          .hasSizeGreaterThan(10);
      assertThat(after.find("mcpwatch_boundary_evaluation_duration_seconds_bucket", Map.of()))
          .hasSizeGreaterThan(10);
      assertThat(after.types).containsEntry("mcpwatch_commit_duration_seconds", "histogram")
          .containsEntry("mcpwatch_source_lines_total", "counter")
          .containsEntry("mcpwatch_metric_sum", "gauge");

      // the outbox and the deliveries: the confirmation request went to the mailbox
      assertThat(after.value("mcpwatch_outbox_failed")).isZero();
      await().atMost(Duration.ofSeconds(10)).until(() -> scrape(base)
          .find("mcpwatch_deliveries_total", Map.of("protocol", "email", "outcome", "delivered"))
          .stream().anyMatch(d -> d.value() >= 1));

      // HTTP requests by route and status (this test's scrapes, and a path nobody serves)
      assertThat(get(base, "/no-such-page", null).statusCode()).isEqualTo(404);
      Exposition last = scrape(base);
      // every metric the shipped dashboard and alerting rules use is exposed
      assertThat(last.names()).containsAll(MonitoringFiles.referencedMetricNames());
      assertThat(last.value("mcpwatch_http_requests_total", "method", "GET", "route", "/metrics",
          "status", "200")).isGreaterThanOrEqualTo(3);
      assertThat(last.find("mcpwatch_http_requests_total", Map.of("status", "404")))
          .singleElement()
          .satisfies(r -> assertThat(r.labels().get("route")).isEqualTo("unmatched"));
    }
  }

  @Test
  void metrics_withAToken_requiresIt() throws Exception {
    String yaml = ServiceFixture.YAML
        + "sources:\n"
        + "  - { app: teams, env: prod, type: file, path: logs/*.log, startAt: beginning,"
        + " timestampFormat: iso }\n"
        + "http:\n  host: 127.0.0.1\n  port: 0\n  token: \"0123456789abcdef0123\"\n";
    try (ServiceFixture f = new ServiceFixture(dir, yaml, java.time.InstantSource.system())) {
      LiveService s = f.start();
      URI base = s.httpUri();
      HttpResponse<String> anonymous = get(base, "/metrics", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).doesNotContain("mcpwatch_");
      assertThat(get(base, "/metrics", "Bearer wrong-token-wrong-token").statusCode())
          .isEqualTo(401);
      HttpResponse<String> ok = get(base, "/metrics", "Bearer 0123456789abcdef0123");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
      assertThat(Exposition.parse(ok.body()).names()).contains("mcpwatch_commits_total");
    }
  }

  /** On a clock 60 times faster, a minute boundary passes every second. */
  @Test
  void metrics_boundaryEvaluationsAreTimed() throws Exception {
    String yaml = ServiceFixture.YAML
        + "sources:\n"
        + "  - { app: teams, env: prod, type: file, path: logs/*.log, startAt: beginning,"
        + " timestampFormat: iso }\n"
        + "http:\n  host: 127.0.0.1\n  port: 0\n";
    try (ServiceFixture f = new ServiceFixture(dir, yaml, new ScaledClock(60))) {
      URI base = f.start().httpUri();
      await().atMost(Duration.ofSeconds(20)).until(() ->
          scrape(base).value("mcpwatch_boundary_evaluation_duration_seconds_count") >= 3);
      Exposition e = scrape(base);
      double count = e.value("mcpwatch_boundary_evaluation_duration_seconds_count");
      assertThat(e.value("mcpwatch_boundary_evaluation_duration_seconds_bucket", "le", "+Inf"))
          .isEqualTo(count);
      assertThat(e.value("mcpwatch_boundary_evaluation_duration_seconds_sum")).isPositive();
      // the alarms were evaluated: no data, treated as not breaching, so OK
      assertThat(e.value("mcpwatch_alarm_state", "alarm", AUTH, "state", "OK")).isEqualTo(1);
    }
  }

  static Exposition scrape(URI base) throws Exception {
    HttpResponse<String> r = get(base, "/metrics", null);
    assertThat(r.statusCode()).isEqualTo(200);
    return Exposition.parse(r.body());
  }

  private static String source(Exposition e) {
    List<Exposition.Sample> s = e.find("mcpwatch_source_lines_total", Map.of());
    assertThat(s).hasSize(1);
    return s.get(0).labels().get("source");
  }

  static HttpResponse<String> get(URI base, String path, String authorization)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
