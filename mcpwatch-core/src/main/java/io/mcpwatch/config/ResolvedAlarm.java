package io.mcpwatch.config;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.pattern.MetricFilter;
import java.util.Objects;

/**
 * One (environment, app, alarm) after defaults, per-app settings and overrides are applied: the
 * log group it reads, its metric filter, and the alarm on the filter's metric. {@code
 * spec.dimensions()} is the full dimension set the alarm watches, as in CloudWatch: the static
 * dimensions (the ADR's {@code MCP = <app>}, which mcpwatch adds to every sample) and, for each field
 * dimension of the filter, the value named under {@code alarmDimensions} ({@code Status = 404}).
 *
 * @param env environment name, e.g. {@code prod}
 * @param app app name, e.g. {@code teams}
 * @param alarm the alarm's key in the config, e.g. {@code http-5xx}
 * @param logGroup the log group from the template
 * @param filter the compiled metric filter
 * @param spec the alarm definition
 */
public record ResolvedAlarm(
    String env, String app, String alarm, String logGroup, MetricFilter filter, AlarmSpec spec) {
  public ResolvedAlarm {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(alarm, "alarm");
    Objects.requireNonNull(logGroup, "logGroup");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(spec, "spec");
  }
}
