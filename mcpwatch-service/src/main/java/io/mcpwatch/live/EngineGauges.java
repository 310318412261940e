package io.mcpwatch.live;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.metrics.MetricKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the engine thread reports to {@code /metrics}: every alarm's state and, for every metric an
 * alarm watches, the statistics of the last complete minute (the datapoint CloudWatch would show
 * for a 60-second period).
 *
 * @param minute the start of that minute
 * @param alarms in configuration order
 * @param metrics one per distinct metric (environment, namespace, name, dimensions)
 */
record EngineGauges(Instant minute, List<AlarmGauge> alarms, List<MetricGauge> metrics) {
  static final EngineGauges EMPTY = new EngineGauges(Instant.EPOCH, List.of(), List.of());

  EngineGauges {
    Objects.requireNonNull(minute, "minute");
    alarms = List.copyOf(alarms);
    metrics = List.copyOf(metrics);
  }

  /** One alarm: its state and when it entered it. */
  record AlarmGauge(String env, String app, String alarmName, AlarmState state, Instant since) {}

  /**
   * One metric's last complete minute; {@code samples == 0} when nothing was published in it
   * ({@code min} and {@code max} are then NaN).
   */
  record MetricGauge(MetricKey key, long samples, double sum, double min, double max) {}
}
