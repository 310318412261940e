package io.mcpwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.metrics.DefaultValueMode;
import io.mcpwatch.pattern.MetricFilter;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.pattern.PatternOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Replays the documented cases under src/test/resources/golden (see its README.md). */
class GoldenReplayTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static List<String> cases() {
    return List.of(text("/golden/cases.txt").trim().split("\\s+"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void replay_producesExpectedTransitions(String name) {
    JsonNode c = JSON.readTree(text("/golden/" + name + "/case.json"));
    ManualClock clock = new ManualClock(Instant.parse(c.get("start").asString()));
    List<ResolvedAlarm> alarms = new ArrayList<>();
    for (JsonNode a : c.get("alarms")) {
      AlarmSpec spec = spec(a.get("spec"));
      JsonNode t = a.get("transformation");
      MetricTransformation tr = new MetricTransformation(spec.metricName(), spec.namespace(),
          t.get("metricValue").asString(), nullableDouble(t.get("defaultValue")), Map.of(), null);
      alarms.add(new ResolvedAlarm(a.get("env").asString(), a.get("app").asString(),
          a.get("alarm").asString(), a.get("logGroup").asString(),
          MetricFilter.compile(a.get("pattern").asString(), tr, PatternOptions.defaults()), spec));
    }
    JsonNode o = c.get("options");
    EngineOptions options = new EngineOptions(o.get("earlyFiring").asBoolean(),
        o.get("extraRangeDatapoints").asInt(),
        DefaultValueMode.valueOf(o.get("defaultValueMode").asString()),
        o.get("retainAll").asBoolean());
    List<Map<String, Object>> actual = new ArrayList<>();
    Engine engine = Engine.create(alarms, options, clock, t -> actual.add(row(t)));
    for (String line : text("/golden/" + name + "/events.jsonl").split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode e = JSON.readTree(line);
      Instant ts = Instant.parse(e.get("timestamp").asString());
      clock.set(e.has("ingest") ? Instant.parse(e.get("ingest").asString()) : ts);
      engine.ingest(new LogEvent(e.get("logGroup").asString(), ts.toEpochMilli(),
          e.get("message").asString()));
    }
    clock.set(Instant.parse(c.get("end").asString()));
    engine.tick();
    List<Map<String, Object>> expected = new ArrayList<>();
    for (JsonNode x : JSON.readTree(text("/golden/" + name + "/expected-transitions.json"))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("alarm", x.get("alarm").asString());
      m.put("time", Instant.parse(x.get("time").asString()));
      m.put("old", x.get("old").asString());
      m.put("new", x.get("new").asString());
      m.put("early", x.get("early").asBoolean());
      List<String> actions = new ArrayList<>();
      x.get("actions").forEach(n -> actions.add(n.asString()));
      m.put("actions", actions);
      m.put("reason", x.get("reason").asString());
      expected.add(m);
    }
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  private static Map<String, Object> row(AlarmTransition t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alarm", t.alarm().alarm());
    m.put("time", t.time());
    m.put("old", t.oldState().name());
    m.put("new", t.newState().name());
    m.put("early", t.early());
    m.put("actions", t.actions());
    m.put("reason", t.reason());
    return m;
  }

  private static AlarmSpec spec(JsonNode s) {
    Map<String, String> dims = new LinkedHashMap<>();
    s.get("dimensions").properties().forEach(e -> dims.put(e.getKey(), e.getValue().asString()));
    JsonNode m = s.get("datapointsToAlarm");
    JsonNode treat = s.get("treatMissingData");
    return new AlarmSpec(s.get("alarmName").asString(), null, s.get("namespace").asString(),
        s.get("metricName").asString(), dims, Statistic.valueOf(s.get("statistic").asString()),
        s.get("periodSeconds").asInt(), s.get("evaluationPeriods").asInt(),
        m == null || m.isNull() ? null : m.asInt(),
        ComparisonOperator.valueOf(s.get("comparison").asString()),
        s.get("threshold").asDouble(),
        treat == null || treat.isNull() ? null : TreatMissingData.parse(treat.asString()),
        s.get("actionsEnabled").asBoolean(), strings(s.get("alarmActions")),
        strings(s.get("okActions")), strings(s.get("insufficientDataActions")), null);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  private static @Nullable Double nullableDouble(@Nullable JsonNode n) {
    return n == null || n.isNull() ? null : n.asDouble();
  }

  private static String text(String resource) {
    try (InputStream in = Objects.requireNonNull(
        GoldenReplayTest.class.getResourceAsStream(resource), resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
