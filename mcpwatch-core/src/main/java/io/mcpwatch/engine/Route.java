package io.mcpwatch.engine;

import io.mcpwatch.alarm.EarlyFiring;
import io.mcpwatch.pattern.MetricTransformation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One distinct metric filter on one log group in one environment, and where its samples go. Alarms
 * whose filters have the same pattern text, transformation and static dimensions share a route, so
 * an event is counted once.
 */
final class Route {
  final String env;
  final String logGroup;
  final FilterBinding binding;
  final MetricTransformation transformation;
  /** The alarm's dimensions that the filter does not extract (e.g. {@code MCP=<app>}). */
  final Map<String, String> staticDims;
  /** Whether the filter extracts dimensions, so the target series is looked up per sample. */
  final boolean dynamic;
  final @Nullable Double defaultValue;
  final EarlyFiring.SampleSign sign;
  /** Targets of a non-dynamic route: watched series with this route's key and a compatible unit. */
  SeriesState[] targets = new SeriesState[0];
  /** Non-null only in PER_MINUTE mode for a filter with a default value. */
  @Nullable MinuteFlags minuteFlags;
  long matched;
  /** The alarms counting this route's matches ({@link Engine#changes()} visits them). */
  final List<AlarmRuntime> alarms = new ArrayList<>(1); // most routes count for one alarm
  /** In the engine's list of routes whose alarms' matched counts changed since changes(). */
  boolean dirty;
  /** In the engine's list of routes that counted a match since {@link Engine#matchedSince}. */
  boolean matchedMarked;

  Route(
      String env,
      String logGroup,
      FilterBinding binding,
      MetricTransformation transformation,
      Map<String, String> staticDims,
      EarlyFiring.SampleSign sign) {
    this.env = env;
    this.logGroup = logGroup;
    this.binding = binding;
    this.transformation = transformation;
    this.staticDims = Map.copyOf(staticDims);
    this.dynamic = !transformation.dimensions().isEmpty();
    this.defaultValue = transformation.defaultValue();
    this.sign = sign;
  }

  /** Whether samples of this route may enter a series that requires {@code unit} (null: any). */
  boolean unitCompatible(@Nullable String unit) {
    return unit == null || unit.equals(transformation.unit());
  }

  /**
   * The sign of every sample a route with this transformation publishes (its value's, and its
   * default value's): routes that share a transformation share it ({@link Wiring} computes it
   * once per transformation).
   */
  static EarlyFiring.SampleSign signOf(MetricTransformation t) {
    EarlyFiring.SampleSign sign;
    String v = t.metricValue().trim();
    if (v.startsWith("$")) {
      sign = EarlyFiring.SampleSign.ANY;
    } else {
      try {
        sign = EarlyFiring.SampleSign.of(Double.parseDouble(v));
      } catch (NumberFormatException e) {
        sign = EarlyFiring.SampleSign.ANY;
      }
    }
    Double d = t.defaultValue();
    return d == null ? sign : sign.and(EarlyFiring.SampleSign.of(d));
  }
}
