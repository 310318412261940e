package io.mcpwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.Specs;
import io.mcpwatch.config.ResolvedAlarm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Engine#matchedSince}: after a batch, the alarms whose filter matched (those sharing the
 * filter too), each once with its count, and nothing else; the next call starts afresh.
 */
class MatchedSinceTest {

  private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

  private static ResolvedAlarm alarm(String name, String group, String pattern) {
    return Fixture.resolved("prod", group, pattern,
        Specs.spec().name(name).metric("NS", "M-" + name).build(), "1", null, Map.of());
  }

  private static Map<Integer, Long> since(Engine engine) {
    Map<Integer, Long> seen = new LinkedHashMap<>();
    engine.matchedSince((i, n) -> assertThat(seen.put(i, n)).as("alarm %d twice", i).isNull());
    return seen;
  }

  @Test
  void matchedSince_namesOnlyTheAlarmsThatMatchedSinceThePreviousCall() {
    List<ResolvedAlarm> alarms = new ArrayList<>(List.of(
        alarm("a", "/g", "ERROR"),
        alarm("b", "/g", "WARN"),
        alarm("c", "/g", "ERROR"), // the same filter as a: one route
        alarm("d", "/h", "ERROR")));
    ManualClock clock = new ManualClock(START);
    Engine engine = Engine.create(alarms, EngineOptions.defaults(), clock, t -> {});
    assertThat(since(engine)).isEmpty();

    engine.ingest(new LogEvent("/g", START.toEpochMilli(), "x ERROR y"));
    engine.ingest(new LogEvent("/g", START.toEpochMilli(), "ERROR again"));
    engine.ingest(new LogEvent("/g", START.toEpochMilli(), "nothing"));

    assertThat(since(engine)).isEqualTo(Map.of(0, 2L, 2, 2L));
    assertThat(since(engine)).isEmpty();

    engine.ingest(new LogEvent("/h", START.toEpochMilli(), "ERROR"));
    engine.ingest(new LogEvent("/g", START.toEpochMilli(), "WARN"));

    assertThat(since(engine)).isEqualTo(Map.of(1, 1L, 3, 1L));
    assertThat(engine.statuses()).extracting(AlarmStatus::matchedEvents)
        .containsExactly(2L, 1L, 2L, 1L);
  }
}
