package io.mcpwatch.live;

import io.mcpwatch.notify.Protocol;
import io.mcpwatch.server.RequestObserver;
import io.mcpwatch.server.web.Answer;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's Prometheus registry ({@code GET /metrics}). Only what happens a few times a
 * minute is counted here as it happens: commits and their latency, boundary evaluations,
 * deliveries, HTTP requests. Everything else (lines, bytes, lag, rejected lines, outbox, alarm
 * states, the filters' metrics) is read from the service's own counters when Prometheus scrapes,
 * by a {@link ServiceCollector}, so the per-event path does no extra work.
 */
final class Telemetry implements RequestObserver {
  private static final Logger log = LoggerFactory.getLogger(Telemetry.class);
  /** Seconds; a SQLite commit takes about a millisecond, a slow disk or PostgreSQL far more. */
  private static final double[] COMMIT_BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };
  /** Seconds; evaluating every alarm at a boundary, from microseconds to a stalled loop. */
  private static final double[] BOUNDARY_BUCKETS = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Histogram commitSeconds;
  private final Histogram boundarySeconds;
  private final Counter deliveries;
  private final Counter httpRequests;

  Telemetry() {
    commitSeconds =
        Histogram.builder()
            .name("mcpwatch_commit_duration_seconds")
            .help("Time of each successful storage commit (engine state, checkpoints, outbox).")
            .classicOnly()
            .classicUpperBounds(COMMIT_BUCKETS)
            .register(registry);
    boundarySeconds =
        Histogram.builder()
            .name("mcpwatch_boundary_evaluation_duration_seconds")
            .help("Time the engine thread spent evaluating the alarms due at each boundary.")
            .classicOnly()
            .classicUpperBounds(BOUNDARY_BUCKETS)
            .register(registry);
    deliveries =
        Counter.builder()
            .name("mcpwatch_deliveries_total")
            .help("Delivery attempts by protocol and outcome (delivered, temporary_failure,"
                + " permanent_failure).")
            .labelNames("protocol", "outcome")
            .register(registry);
    httpRequests =
        Counter.builder()
            .name("mcpwatch_http_requests_total")
            .help("HTTP requests answered, by method, matched route and status.")
            .labelNames("method", "route", "status")
            .register(registry);
  }

  /** Adds the scrape-time readings. */
  void register(MultiCollector collector) {
    registry.register(collector);
  }

  /** A successful commit took {@code nanos} (engine thread). */
  void commit(long nanos) {
    commitSeconds.observe(nanos / 1e9);
  }

  /** Evaluating a boundary took {@code nanos} (engine thread). */
  void boundary(long nanos) {
    boundarySeconds.observe(nanos / 1e9);
  }

  /** One delivery attempt ended (dispatcher thread). */
  void delivery(Protocol protocol, String outcome) {
    deliveries.labelValues(protocol.id(), outcome).inc();
  }

  @Override
  public void request(String method, String route, int status) {
    httpRequests.labelValues(method, route, Integer.toString(status)).inc();
  }

  /** The exposition in the Prometheus text format 0.0.4. */
  String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The answer to {@code GET /metrics}; 500 with one line if reading failed. */
  Answer answer() {
    try {
      return Answer.of(200, PrometheusTextFormatWriter.CONTENT_TYPE, scrape())
          .withHeader("Cache-Control", "no-store");
    } catch (RuntimeException e) {
      log.warn("/metrics: reading the metrics failed: {}", e.toString());
      return Answer.of(500, Answer.TEXT, "the metrics cannot be read right now\n");
    }
  }
}
