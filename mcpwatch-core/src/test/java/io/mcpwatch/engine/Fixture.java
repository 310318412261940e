package io.mcpwatch.engine;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.pattern.MetricFilter;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.pattern.PatternOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Builds alarms with real metric filters, an engine on a manual clock, and records transitions. */
final class Fixture {
  final List<ResolvedAlarm> alarms = new ArrayList<>();
  /** Filters to use instead of an alarm's own (test doubles). */
  final Map<ResolvedAlarm, FilterBinding> overrides = new HashMap<>();
  final List<AlarmTransition> transitions = new ArrayList<>();
  final ManualClock clock;
  @Nullable Engine engine;

  Fixture(String startIso) {
    clock = ManualClock.at(startIso);
  }

  /** An alarm on log group {@code group} whose metric filter is {@code pattern}. */
  static ResolvedAlarm resolved(String env, String group, String pattern, AlarmSpec spec,
      String metricValue, @Nullable Double defaultValue, Map<String, String> extractedDims) {
    MetricTransformation t = new MetricTransformation(spec.metricName(), spec.namespace(),
        metricValue, defaultValue, extractedDims, null);
    return new ResolvedAlarm(env, "app", spec.alarmName(), group,
        MetricFilter.compile(pattern, t, PatternOptions.defaults()), spec);
  }

  ResolvedAlarm alarm(String env, String group, String pattern, AlarmSpec spec,
      String metricValue, @Nullable Double defaultValue, Map<String, String> extractedDims) {
    ResolvedAlarm a = resolved(env, group, pattern, spec, metricValue, defaultValue,
        extractedDims);
    alarms.add(a);
    return a;
  }

  ResolvedAlarm alarm(String group, String pattern, AlarmSpec spec) {
    return alarm("prod", group, pattern, spec, "1", null, Map.of());
  }

  Engine start(EngineOptions options) {
    engine = overrides.isEmpty()
        ? Engine.create(alarms, options, clock, transitions::add)
        : Engine.create(alarms, options, clock, transitions::add,
            a -> overrides.containsKey(a) ? overrides.get(a) : FilterBinding.of(a));
    return engine;
  }

  Engine engine() {
    if (engine == null) {
      throw new IllegalStateException("start() first");
    }
    return engine;
  }

  /** Sets the clock to {@code ingestIso} and ingests one event stamped {@code eventIso}. */
  void event(String ingestIso, String group, String eventIso, String message) {
    clock.set(ingestIso);
    engine().ingest(new LogEvent(group, Instant.parse(eventIso).toEpochMilli(), message));
  }

  /** An event ingested at its own timestamp. */
  void event(String group, String iso, String message) {
    event(iso, group, iso, message);
  }

  void tickAt(String iso) {
    clock.set(iso);
    engine().tick();
  }

  /** "time old->new" per transition, e.g. {@code 10:06:00 OK->ALARM}, with a * when early. */
  List<String> summary() {
    return transitions.stream()
        .map(t -> t.time().toString().substring(11).replace("Z", "") + " " + t.oldState() + "->"
            + t.newState() + (t.early() ? "*" : ""))
        .collect(Collectors.toList());
  }

  AlarmState state(ResolvedAlarm a) {
    Map<ResolvedAlarm, AlarmState> m = new LinkedHashMap<>();
    engine().statuses().forEach(s -> m.put(s.alarm(), s.state()));
    return m.get(a);
  }
}
