package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.metrics.MetricKey;
import io.mcpwatch.notify.OutboxHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exposition built from plain readings, without a service. */
class ServiceCollectorTest {

  @Test
  void collect_metricsWithDifferentDimensionsAndNoSources_formAValidExposition() {
    Map<String, String> odd = new LinkedHashMap<>();
    odd.put("Service.Name", "teams \"prod\"\nx"); // not a label name; a value needing escapes
    odd.put("Service_Name", "collides after sanitizing");
    EngineGauges g = new EngineGauges(Instant.parse("2026-12-06T10:00:00Z"),
        List.of(new EngineGauges.AlarmGauge("prod", "teams", "teams-prod-auth", AlarmState.ALARM,
            Instant.parse("2026-12-06T09:59:00Z"))),
        List.of(
            new EngineGauges.MetricGauge(new MetricKey("prod", "MCP/Security", "Failures",
                Map.of("MCP", "teams")), 3, 3.0, 1.0, 1.0),
            new EngineGauges.MetricGauge(new MetricKey("prod", "MCP/Security", "Latency", odd),
                0, 0, Double.NaN, Double.NaN)));
    Telemetry t = new Telemetry();
    t.register(new ServiceCollector(readings(g)));

    Exposition e = Exposition.parse(t.scrape());

    assertThat(e.value("mcpwatch_metric_sum", "metric_name", "Failures", "dimension_MCP", "teams"))
        .isEqualTo(3);
    Exposition.Sample latency =
        e.find("mcpwatch_metric_sample_count", Map.of("metric_name", "Latency")).get(0);
    assertThat(latency.labels()).containsEntry("dimension_Service_Name", "teams \"prod\"\nx")
        .doesNotContainValue("collides after sanitizing");
    assertThat(latency.value()).isZero();
    // no samples: no Minimum or Maximum
    assertThat(e.find("mcpwatch_metric_minimum", Map.of("metric_name", "Latency"))).isEmpty();
    assertThat(e.value("mcpwatch_metric_maximum", "metric_name", "Failures")).isEqualTo(1);
    assertThat(e.value("mcpwatch_alarm_state", "alarm", "teams-prod-auth", "state", "ALARM"))
        .isEqualTo(1);
    assertThat(e.value("mcpwatch_alarm_state", "alarm", "teams-prod-auth", "state", "OK"))
        .isZero();
    assertThat(e.value("mcpwatch_alarm_state_change_timestamp_seconds", "alarm",
        "teams-prod-auth")).isEqualTo(Instant.parse("2026-12-06T09:59:00Z").getEpochSecond());
    // no source: the per-source families have no samples, the rest is there
    assertThat(e.find("mcpwatch_source_lines_total", Map.of())).isEmpty();
    assertThat(e.value("mcpwatch_outbox_oldest_pending_age_seconds")).isEqualTo(90);
    assertThat(e.value("mcpwatch_ingest_events_total", "result", "rejected")).isEqualTo(2);
  }

  @Test
  void collect_anOutboxThatCannotBeRead_leavesOutOnlyTheOutbox() {
    Telemetry t = new Telemetry();
    t.register(new ServiceCollector(new StubReadings(EngineGauges.EMPTY) {
      @Override
      public OutboxHealth outbox() {
        throw new IllegalStateException("database is locked");
      }
    }));

    Exposition e = Exposition.parse(t.scrape());

    assertThat(e.names()).doesNotContain("mcpwatch_outbox_pending")
        .contains("mcpwatch_commits_total", "mcpwatch_start_time_seconds");
    assertThat(t.answer().status()).isEqualTo(200);
  }

  @Test
  void collect_twoSourcesWithTheSameLabel_bothCounted() {
    List<LogSource> two = List.of(source("file", 3), source("docker", 5));
    Telemetry t = new Telemetry();
    t.register(new ServiceCollector(new StubReadings(EngineGauges.EMPTY) {
      @Override
      public List<LogSource> sources() {
        return two;
      }
    }));

    Exposition e = Exposition.parse(t.scrape());

    assertThat(e.value("mcpwatch_source_lines_total", "source", "prod/teams logs/*.log"))
        .isEqualTo(3);
    assertThat(e.value("mcpwatch_source_lines_total", "source", "prod/teams logs/*.log #2"))
        .isEqualTo(5);
  }

  private static LogSource source(String type, long lines) {
    SourceSpec spec = new SourceSpec(type + ":prod/teams", SourceSpec.Kind.FILES,
        List.of("logs/*.log"), io.mcpwatch.source.tail.StartAt.END,
        io.mcpwatch.source.read.ReadOptions.defaults().withDefaultLogGroup("/g"), List.of("/g"),
        "prod/teams logs/*.log");
    InputCounts counts = new InputCounts(lines, lines * 10, lines, 0, 0, 0, 0);
    return new LogSource() {
      @Override
      public SourceSpec spec() {
        return spec;
      }

      @Override
      public void start() {}

      @Override
      public InputCounts read() {
        return counts;
      }

      @Override
      public void close() {}

      @Override
      public void join(Duration timeout) {}
    };
  }

  private static ServiceCollector.Readings readings(EngineGauges g) {
    return new StubReadings(g);
  }

  private static class StubReadings implements ServiceCollector.Readings {
    private final EngineGauges g;

    StubReadings(EngineGauges g) {
      this.g = g;
    }

    @Override
    public RunStats stats() {
      return RunStats.zero();
    }

    @Override
    public List<LogSource> sources() {
      return List.of();
    }

    @Override
    public Map<String, Long> ingest() {
      return Map.of("ingestEventsAccepted", 5L, "ingestEventsRejected", 2L);
    }

    @Override
    public OutboxHealth outbox() {
      return new OutboxHealth(1, 0, 0, Instant.EPOCH, Duration.ofSeconds(90));
    }

    @Override
    public EngineGauges engine() {
      return g;
    }

    @Override
    public double startTimeSeconds() {
      return 1.0;
    }
  }
}
