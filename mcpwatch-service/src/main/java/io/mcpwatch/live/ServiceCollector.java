package io.mcpwatch.live;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.notify.OutboxHealth;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the service's own counters when Prometheus scrapes: {@link RunStats} of the engine thread,
 * each source's totals and file positions, the ingest counters, the outbox, and the engine's alarm
 * states and metrics ({@link EngineGauges}). Nothing here runs per event.
 *
 * <p>The metric-filter metrics are gauges of the last complete minute ({@code mcpwatch_metric_sum},
 * {@code _sample_count}, {@code _minimum}, {@code _maximum}), not counters: a filter's value may
 * be negative or fractional, and the minute's Sum is exactly the datapoint an alarm with a
 * 60-second period evaluates, so a Grafana panel of it with the alarm's threshold shows what the
 * alarm sees. Labels: {@code env}, {@code namespace}, {@code metric_name} and one {@code
 * dimension_<Name>} per dimension.
 */
final class ServiceCollector implements MultiCollector {
  private static final Logger log = LoggerFactory.getLogger(ServiceCollector.class);
  /** What a classic (0.0.4 text format) label name cannot hold. */
  private static final Pattern LABEL_UNSAFE = Pattern.compile("[^a-zA-Z0-9_]");

  /** What the collector reads. */
  interface Readings {
    RunStats stats();

    List<LogSource> sources();

    /** The ingest counters by {@code IngestStats} name; empty when HTTP ingest is off. */
    Map<String, Long> ingest();

    OutboxHealth outbox();

    EngineGauges engine();

    /** When the service started, in epoch seconds. */
    double startTimeSeconds();
  }

  private final Readings readings;

  ServiceCollector(Readings readings) {
    this.readings = readings;
  }

  @Override
  public MetricSnapshots collect() {
    List<MetricSnapshot> out = new ArrayList<>();
    RunStats s = readings.stats();
    out.add(gauge("mcpwatch_start_time_seconds", "When the service started (Unix time).",
        readings.startTimeSeconds()));
    sources(out, readings.sources());
    out.add(counter("mcpwatch_unknown_log_group_events",
        "Events for a log group no alarm reads (from sources and HTTP).", s.unknownLogGroup()));
    out.add(counter("mcpwatch_http_events", "Events received over HTTP ingest and ingested.",
        s.httpEvents()));
    Map<String, Long> in = readings.ingest();
    if (!in.isEmpty()) {
      out.add(counterFamily("mcpwatch_ingest_events",
          "Events in HTTP ingest requests, accepted or rejected (too old, too new, too long).",
          "result", Map.of("accepted", in.getOrDefault("ingestEventsAccepted", 0L),
              "rejected", in.getOrDefault("ingestEventsRejected", 0L))));
      out.add(counter("mcpwatch_ingest_requests_throttled",
          "HTTP ingest requests answered 503 because the engine's queue was full.",
          in.getOrDefault("ingestRequestsThrottled", 0L)));
    }
    out.add(counter("mcpwatch_alarm_transitions", "Alarm state changes.", s.transitions()));
    out.add(counter("mcpwatch_commits", "Successful storage commits.", s.commits()));
    out.add(counter("mcpwatch_commit_failures",
        "Failed storage commits (retried with backoff; nothing is lost while the service runs).",
        s.commitFailures()));
    outbox(out);
    engine(out, readings.engine());
    return new MetricSnapshots(out);
  }

  private static void sources(List<MetricSnapshot> out, List<LogSource> sources) {
    CounterSnapshot.Builder lines = counterBuilder("mcpwatch_source_lines",
        "Lines read per source.");
    CounterSnapshot.Builder bytes = counterBuilder("mcpwatch_source_bytes",
        "Bytes of the lines read per source.");
    CounterSnapshot.Builder events = counterBuilder("mcpwatch_source_events",
        "Events decoded per source (before fan-out to several log groups).");
    CounterSnapshot.Builder rejected = counterBuilder("mcpwatch_source_rejected_lines",
        "Lines per source that did not become events: malformed (broken JSON or Docker record)"
            + " or oversized (longer than the event limit).");
    CounterSnapshot.Builder invalid = counterBuilder("mcpwatch_source_invalid_utf8_lines",
        "Lines per source with bytes that are not UTF-8 (ingested with U+FFFD).");
    GaugeSnapshot.Builder lag = GaugeSnapshot.builder().name("mcpwatch_source_lag_bytes")
        .help("Bytes written to a file source's files and not read yet.");
    GaugeSnapshot.Builder files = GaugeSnapshot.builder().name("mcpwatch_source_files")
        .help("Files a file source tracks now.");
    CounterSnapshot.Builder rotations = counterBuilder("mcpwatch_source_rotations",
        "Files renamed away or deleted while tracked.");
    CounterSnapshot.Builder truncations = counterBuilder("mcpwatch_source_truncations",
        "Files that shrank or were replaced while tracked (copytruncate).");
    CounterSnapshot.Builder readErrors = counterBuilder("mcpwatch_source_read_errors",
        "I/O errors while reading a source's files.");
    Set<String> used = new HashSet<>();
    for (LogSource src : sources) {
      String name = src.spec().label();
      for (int n = 2; !used.add(name); n++) {
        name = src.spec().label() + " #" + n; // two sources that differ only in format or type
      }
      Labels l = Labels.of("source", name);
      InputCounts c = src.read();
      lines.dataPoint(point(l, c.lines()));
      bytes.dataPoint(point(l, c.bytes()));
      events.dataPoint(point(l, c.events()));
      rejected.dataPoint(point(l.add("reason", "malformed"), c.malformed()));
      rejected.dataPoint(point(l.add("reason", "oversized"), c.oversized()));
      invalid.dataPoint(point(l, c.invalidUtf8()));
      SourceProgress p;
      try {
        p = src.progress();
      } catch (RuntimeException e) {
        log.debug("/metrics: source {}: {}", src.spec().label(), e.toString());
        p = null;
      }
      if (p != null) {
        lag.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(p.lagBytes()).build());
        files.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(p.files()).build());
        rotations.dataPoint(point(l, p.rotations()));
        truncations.dataPoint(point(l, p.truncations()));
        readErrors.dataPoint(point(l, p.readErrors()));
      }
    }
    out.add(lines.build());
    out.add(bytes.build());
    out.add(events.build());
    out.add(rejected.build());
    out.add(invalid.build());
    out.add(lag.build());
    out.add(files.build());
    out.add(rotations.build());
    out.add(truncations.build());
    out.add(readErrors.build());
  }

  private void outbox(List<MetricSnapshot> out) {
    OutboxHealth h;
    try {
      h = readings.outbox();
    } catch (RuntimeException e) {
      log.debug("/metrics: the outbox cannot be read: {}", e.toString());
      return; // the series disappear; the rules' absent() and staleness see it
    }
    out.add(gauge("mcpwatch_outbox_pending", "Notifications waiting for delivery.", h.pending()));
    out.add(gauge("mcpwatch_outbox_failed",
        "Notifications that failed for good (kept until the outbox retention ends).", h.failed()));
    out.add(gauge("mcpwatch_outbox_stuck",
        "Pending notifications that already failed several times and are still retried.",
        h.stuck()));
    out.add(gauge("mcpwatch_outbox_oldest_pending_age_seconds",
        "Age of the oldest pending notification (0 when none).",
        h.oldestPendingAge().toMillis() / 1000.0));
  }

  private static void engine(List<MetricSnapshot> out, EngineGauges g) {
    GaugeSnapshot.Builder state = GaugeSnapshot.builder().name("mcpwatch_alarm_state")
        .help("1 for the state each alarm is in, 0 for the two others.");
    GaugeSnapshot.Builder since = GaugeSnapshot.builder()
        .name("mcpwatch_alarm_state_change_timestamp_seconds")
        .help("When each alarm entered its current state (Unix time).");
    for (EngineGauges.AlarmGauge a : g.alarms()) {
      Labels l = Labels.of("env", a.env(), "app", a.app(), "alarm", a.alarmName());
      for (AlarmState st : AlarmState.values()) {
        state.dataPoint(GaugeDataPointSnapshot.builder().labels(l.add("state", st.name()))
            .value(st == a.state() ? 1 : 0).build());
      }
      since.dataPoint(GaugeDataPointSnapshot.builder().labels(l)
          .value(a.since().toEpochMilli() / 1000.0).build());
    }
    out.add(state.build());
    out.add(since.build());
    String minute = " of the last complete minute, per metric-filter metric an alarm watches";
    GaugeSnapshot.Builder sum = GaugeSnapshot.builder().name("mcpwatch_metric_sum")
        .help("Sum" + minute + " (0 when nothing was published).");
    GaugeSnapshot.Builder count = GaugeSnapshot.builder().name("mcpwatch_metric_sample_count")
        .help("SampleCount" + minute + ".");
    GaugeSnapshot.Builder min = GaugeSnapshot.builder().name("mcpwatch_metric_minimum")
        .help("Minimum" + minute + " (absent when nothing was published).");
    GaugeSnapshot.Builder max = GaugeSnapshot.builder().name("mcpwatch_metric_maximum")
        .help("Maximum" + minute + " (absent when nothing was published).");
    for (EngineGauges.MetricGauge m : g.metrics()) {
      Labels l = metricLabels(m);
      sum.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(m.sum()).build());
      count.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(m.samples()).build());
      if (m.samples() > 0) {
        min.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(m.min()).build());
        max.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(m.max()).build());
      }
    }
    out.add(sum.build());
    out.add(count.build());
    out.add(min.build());
    out.add(max.build());
  }

  /**
   * {@code env}, {@code namespace}, {@code metric_name} and {@code dimension_<Name>} (characters a
   * label name cannot hold become {@code _}; of two dimensions that then collide the first wins).
   */
  static Labels metricLabels(EngineGauges.MetricGauge m) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("env", m.key().env());
    l.put("namespace", m.key().namespace());
    l.put("metric_name", m.key().metricName());
    m.key().dimensions().forEach((name, value) ->
        l.putIfAbsent("dimension_" + LABEL_UNSAFE.matcher(name).replaceAll("_"), value));
    return Labels.of(new ArrayList<>(l.keySet()), new ArrayList<>(l.values()));
  }

  private static CounterSnapshot.Builder counterBuilder(String name, String help) {
    return CounterSnapshot.builder().name(name).help(help);
  }

  private static CounterDataPointSnapshot point(Labels labels, long value) {
    return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
  }

  private static CounterSnapshot counter(String name, String help, long value) {
    return counterBuilder(name, help).dataPoint(point(Labels.EMPTY, value)).build();
  }

  private static CounterSnapshot counterFamily(
      String name, String help, String label, Map<String, Long> values) {
    CounterSnapshot.Builder b = counterBuilder(name, help);
    new java.util.TreeMap<>(values).forEach((k, v) -> b.dataPoint(point(Labels.of(label, k), v)));
    return b.build();
  }

  private static GaugeSnapshot gauge(String name, String help, double value) {
    return GaugeSnapshot.builder().name(name).help(help)
        .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
  }
}
