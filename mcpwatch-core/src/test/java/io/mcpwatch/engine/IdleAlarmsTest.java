package io.mcpwatch.engine;

import static io.mcpwatch.alarm.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.ResolvedAlarm;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Alarms whose evaluation range holds no datapoint decide from their state alone, so the engine
 * skips re-evaluating them while they stay that way; every decision must be the one a full
 * evaluation makes.
 */
class IdleAlarmsTest {
  private static final EngineOptions NO_EARLY = EngineOptions.defaults().withEarlyFiring(false);

  @Test
  void idleAlarm_setToAnotherState_isDecidedAgainAtTheNextBoundary() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    ResolvedAlarm a = f.alarm("/g", "ERR", spec().name("nb").treat(TreatMissingData.notBreaching)
        .build());
    Engine e = f.start(NO_EARLY);
    f.tickAt("2024-05-01T10:01:00Z"); // INSUFFICIENT_DATA -> OK
    f.tickAt("2024-05-01T10:02:00Z"); // OK stays OK with an empty range: idle from now on
    f.tickAt("2024-05-01T10:03:00Z");
    e.setAlarmState("nb", AlarmState.ALARM, "by hand", null, Instant.parse("2024-05-01T10:03:10Z"));
    f.tickAt("2024-05-01T10:04:00Z");
    assertThat(f.state(a)).isEqualTo(AlarmState.OK);
    assertThat(f.summary()).containsExactly(
        "10:01:00 INSUFFICIENT_DATA->OK", "10:03:10 OK->ALARM", "10:04:00 ALARM->OK");
  }

  @Test
  void idleAlarm_dataAfterManyIdleBoundaries_firesAtTheBoundaryThatSeesIt() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    ResolvedAlarm a = f.alarm("/g", "ERR", spec().name("err").treat(TreatMissingData.notBreaching)
        .threshold(0.0).build());
    f.start(NO_EARLY);
    for (int m = 1; m <= 30; m++) {
      f.tickAt(String.format("2024-05-01T10:%02d:00Z", m));
    }
    f.event("/g", "2024-05-01T10:30:20Z", "ERR one");
    f.tickAt("2024-05-01T10:31:00Z");
    assertThat(f.state(a)).isEqualTo(AlarmState.ALARM);
    for (int m = 32; m <= 40; m++) {
      f.tickAt(String.format("2024-05-01T10:%02d:00Z", m));
    }
    assertThat(f.summary()).containsExactly(
        "10:01:00 INSUFFICIENT_DATA->OK", "10:31:00 OK->ALARM",
        "10:34:00 ALARM->OK"); // the real datapoint stays in the N + 2 range until 10:34
  }

  @Test
  void idleAlarm_lateEventIntoItsRange_isEvaluatedAgain() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    ResolvedAlarm a = f.alarm("/g", "ERR", spec().name("err").treat(TreatMissingData.breaching)
        .threshold(5.0).build());
    f.start(NO_EARLY);
    f.tickAt("2024-05-01T10:01:00Z"); // empty range, missing is breaching: -> ALARM
    f.tickAt("2024-05-01T10:02:00Z"); // stays ALARM: idle
    f.tickAt("2024-05-01T10:03:00Z");
    assertThat(f.state(a)).isEqualTo(AlarmState.ALARM);
    // one event (1 < 5, not breaching) arrives late, stamped inside the range
    f.event("2024-05-01T10:03:30Z", "/g", "2024-05-01T10:02:40Z", "ERR late");
    f.tickAt("2024-05-01T10:04:00Z");
    assertThat(f.state(a)).isEqualTo(AlarmState.OK);
    assertThat(f.summary()).containsExactly(
        "10:01:00 INSUFFICIENT_DATA->ALARM", "10:04:00 ALARM->OK");
  }

  @Test
  void idleAlarms_manyBoundaries_areEvaluatedOnceUntilDataComes() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    ResolvedAlarm busy = null;
    for (int i = 0; i < 200; i++) {
      ResolvedAlarm a = f.alarm("/g" + i, "ERR", spec().name("a" + i)
          .dimension("MCP", "app" + i).treat(TreatMissingData.notBreaching).threshold(0.0).build());
      if (i == 7) {
        busy = a;
      }
    }
    Engine e = f.start(NO_EARLY);
    for (int m = 1; m <= 59; m++) {
      f.tickAt(String.format("2024-05-01T10:%02d:00Z", m));
    }
    // each alarm: INSUFFICIENT_DATA -> OK at 10:01, then one evaluation that leaves it OK with
    // an empty range; after that the boundaries pass it by (59 boundaries x 200 alarms before)
    assertThat(e.stats().evaluations()).isEqualTo(400);
    // asleep, its status still names the newest boundary as its last evaluation
    assertThat(e.statuses().get(3).lastEvaluated()).isEqualTo(Instant.parse("2024-05-01T10:59:00Z"));
    f.event("/g7", "2024-05-01T10:59:20Z", "ERR one");
    f.tickAt("2024-05-01T11:00:00Z");
    assertThat(f.state(busy)).isEqualTo(AlarmState.ALARM);
    assertThat(e.stats().evaluations()).isEqualTo(401);
    assertThat(f.summary()).hasSize(201).contains("11:00:00 OK->ALARM");
  }
}
