package io.mcpwatch.engine;

import static io.mcpwatch.alarm.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.ResolvedAlarm;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetAlarmStateTest {
  private static final EngineOptions NO_EARLY = EngineOptions.defaults().withEarlyFiring(false);

  @Test
  void setAlarmState_holdsUntilTheNextEvaluation_withTheActionsOfEachTransition() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    ResolvedAlarm a =
        f.alarm("/g", "ERR", spec().name("denied").treat(TreatMissingData.notBreaching)
            .alarmActions("topic-a").okActions("topic-ok").build());
    Engine e = f.start(NO_EARLY);
    f.tickAt("2024-05-01T10:01:00Z");
    assertThat(f.state(a)).isEqualTo(AlarmState.OK);
    boolean found = e.setAlarmState("denied", AlarmState.ALARM, "testing the pager", null,
        Instant.parse("2024-05-01T10:01:10Z"));
    assertThat(found).isTrue();
    assertThat(f.state(a)).isEqualTo(AlarmState.ALARM);
    assertThat(e.statuses().get(0).reason()).isEqualTo("testing the pager");
    assertThat(e.history(a)).extracting(HistoryItem::type).contains(HistoryItem.Type.StateUpdate);
    f.tickAt("2024-05-01T10:02:00Z");
    assertThat(f.state(a)).isEqualTo(AlarmState.OK);
    assertThat(f.summary()).containsExactly(
        "10:01:00 INSUFFICIENT_DATA->OK", "10:01:10 OK->ALARM", "10:02:00 ALARM->OK");
    assertThat(f.transitions.get(1).actions()).isEqualTo(List.of("topic-a"));
    assertThat(f.transitions.get(2).actions()).isEqualTo(List.of("topic-ok"));
  }

  @Test
  void setAlarmState_sameStateOnlyReplacesTheReason_unknownNameIsFalse() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    ResolvedAlarm a = f.alarm("/g", "ERR", spec().name("denied").build());
    Engine e = f.start(NO_EARLY);
    assertThat(e.setAlarmState("denied", AlarmState.INSUFFICIENT_DATA, "still unknown", "{\"x\":1}",
        Instant.parse("2024-05-01T10:00:10Z"))).isTrue();
    assertThat(f.transitions).isEmpty();
    assertThat(e.statuses().get(0).reason()).isEqualTo("still unknown");
    assertThat(f.state(a)).isEqualTo(AlarmState.INSUFFICIENT_DATA);
    assertThat(e.setAlarmState("nope", AlarmState.OK, "x", null, Instant.EPOCH)).isFalse();
  }
}
