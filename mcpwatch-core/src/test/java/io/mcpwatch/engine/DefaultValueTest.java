package io.mcpwatch.engine;

import static io.mcpwatch.alarm.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.metrics.DefaultValueMode;
import io.mcpwatch.metrics.MinuteAggregate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultValueTest {

  private static MinuteAggregate minute(String iso, double sum, long count, double min,
      double max) {
    return new MinuteAggregate(Instant.parse(iso), sum, count, min, max);
  }

  private static Fixture fixture() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("prod", "/g", "ERR", spec().build(), "1", 0.0, Map.of());
    return f;
  }

  private static void traffic(Fixture f) {
    f.event("/g", "2024-05-01T10:00:01Z", "ok");
    f.event("/g", "2024-05-01T10:00:02Z", "ERR");
    f.event("/g", "2024-05-01T10:00:03Z", "ok");
    f.event("/g", "2024-05-01T10:00:04Z", "ok");
    // 10:01: nothing ingested
    f.event("/g", "2024-05-01T10:02:05Z", "ok");
    f.event("/g", "2024-05-01T10:02:06Z", "ok");
  }

  @Test
  void perEvent_oneDefaultPerNonMatchingEventNothingWithoutIngestion() {
    Fixture f = fixture();
    Engine e = f.start(EngineOptions.defaults());
    traffic(f);
    ResolvedAlarm a = f.alarms.get(0);
    assertThat(e.minutes(a)).containsExactly(
        minute("2024-05-01T10:00:00Z", 1.0, 4, 0.0, 1.0),
        minute("2024-05-01T10:02:00Z", 0.0, 2, 0.0, 0.0));
    assertThat(e.statuses().get(0).matchedEvents()).isEqualTo(1);
  }

  @Test
  void perMinute_oneDefaultPerMinuteWithIngestionButNoMatch() {
    Fixture f = fixture();
    Engine e = f.start(EngineOptions.defaults().withDefaultValueMode(DefaultValueMode.PER_MINUTE));
    traffic(f);
    ResolvedAlarm a = f.alarms.get(0);
    // minute 10:02 is not closed yet
    assertThat(e.minutes(a)).containsExactly(minute("2024-05-01T10:00:00Z", 1.0, 1, 1.0, 1.0));
    f.tickAt("2024-05-01T10:03:00Z");
    assertThat(e.minutes(a)).containsExactly(
        minute("2024-05-01T10:00:00Z", 1.0, 1, 1.0, 1.0),
        minute("2024-05-01T10:02:00Z", 0.0, 1, 0.0, 0.0));
    // a late non-matching event for the closed, empty minute 10:01 publishes its default at once
    f.event("2024-05-01T10:03:10Z", "/g", "2024-05-01T10:01:30Z", "ok");
    // a late one for 10:02 (default already published) adds nothing
    f.event("2024-05-01T10:03:11Z", "/g", "2024-05-01T10:02:30Z", "ok");
    List<MinuteAggregate> minutes = e.minutes(a);
    assertThat(minutes).extracting(MinuteAggregate::start).containsExactly(
        Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T10:01:00Z"),
        Instant.parse("2024-05-01T10:02:00Z"));
    assertThat(minutes).extracting(MinuteAggregate::sampleCount).containsExactly(1L, 1L, 1L);
  }

  @Test
  void perEvent_defaultValueKeepsAnAlarmOutOfInsufficientData() {
    Fixture f = fixture();
    f.start(EngineOptions.defaults().withEarlyFiring(false));
    f.event("/g", "2024-05-01T10:00:01Z", "ok");
    f.tickAt("2024-05-01T10:01:00Z");
    assertThat(f.summary()).containsExactly("10:01:00 INSUFFICIENT_DATA->OK");
    assertThat(f.transitions.get(0).reason()).isEqualTo("Threshold Crossed: 1 datapoint [0.0"
        + " (01/05/24 10:00:00)] was not greater than or equal to the threshold (1.0).");
  }
}
