package io.mcpwatch.engine;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.pattern.MetricTransformation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Builds alarms with test filters, an engine on a manual clock, and records transitions. */
final class Fixture {
  final List<ResolvedAlarm> alarms = new ArrayList<>();
  final Map<ResolvedAlarm, TestBinding> bindings = new HashMap<>();
  final List<AlarmTransition> transitions = new ArrayList<>();
  final ManualClock clock;
  @Nullable Engine engine;

  Fixture(String startIso) {
    clock = ManualClock.at(startIso);
  }

  /** Adds an alarm on log group {@code group} whose filter matches {@code term}. */
  ResolvedAlarm alarm(String env, String group, String term, AlarmSpec spec, String metricValue,
      @Nullable Double defaultValue, Map<String, String> extractedDims) {
    MetricTransformation t = new MetricTransformation(spec.metricName(), spec.namespace(),
        metricValue, defaultValue, extractedDims, null);
    ResolvedAlarm a = new ResolvedAlarm(env, "app", spec.alarmName(), group,
        TestBinding.placeholderFilter(term, t), spec);
    alarms.add(a);
    bindings.put(a, new TestBinding(term, t));
    return a;
  }

  ResolvedAlarm alarm(String group, String term, AlarmSpec spec) {
    return alarm("prod", group, term, spec, "1", null, Map.of());
  }

  Engine start(EngineOptions options) {
    engine = Engine.create(alarms, options, clock, transitions::add,
        TestBinding.lookup(bindings));
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
