package io.mcpwatch.engine;

import static io.mcpwatch.alarm.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.ResolvedAlarm;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SnapshotTest {

  private static final String[] TIMES = {"10:00:10", "10:00:50", "10:01:30", "10:02:05",
      "10:02:40", "10:03:59", "10:06:10", "10:06:20", "10:06:30", "10:09:00"};

  private static Fixture fixture() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("/g", "ERR", spec().name("a").period(120).evaluationPeriods(2).datapointsToAlarm(1)
        .threshold(2).build());
    f.alarm("/g", "ERR", spec().name("b").threshold(1).treat(TreatMissingData.breaching).build());
    return f;
  }

  /** Transitions without the ResolvedAlarm objects, which differ between fixtures. */
  private static List<String> view(List<AlarmTransition> ts) {
    return ts.stream().map(t -> String.join("|", t.alarm().alarm(), t.time().toString(),
            t.oldState().name(), t.newState().name(), t.reason(), t.reasonDataJson(),
            String.valueOf(t.early()), t.actions().toString()))
        .collect(Collectors.toList());
  }

  @Test
  void restore_continuesExactlyLikeTheOriginal() {
    Fixture original = fixture();
    original.start(EngineOptions.defaults());
    Fixture restarted = fixture();
    restarted.start(EngineOptions.defaults());
    for (int i = 0; i < 5; i++) {
      original.event("/g", "2024-05-01T" + TIMES[i] + "Z", "ERR");
      restarted.event("/g", "2024-05-01T" + TIMES[i] + "Z", "ERR");
    }
    EngineSnapshot snap = restarted.engine().snapshot();
    int before = restarted.transitions.size();
    Engine copy = Engine.restore(restarted.alarms, EngineOptions.defaults(), restarted.clock,
        restarted.transitions::add, snap);
    restarted.engine = copy;
    for (int i = 5; i < TIMES.length; i++) {
      original.event("/g", "2024-05-01T" + TIMES[i] + "Z", "ERR");
      restarted.event("/g", "2024-05-01T" + TIMES[i] + "Z", "ERR");
    }
    original.tickAt("2024-05-01T10:20:00Z");
    restarted.tickAt("2024-05-01T10:20:00Z");
    assertThat(restarted.transitions.size()).isGreaterThan(before);
    assertThat(view(restarted.transitions)).isEqualTo(view(original.transitions));
    assertThat(copy.statuses()).extracting(AlarmStatus::state, AlarmStatus::reason,
            AlarmStatus::reasonDataJson, AlarmStatus::lastTransition, AlarmStatus::lastEvaluated,
            AlarmStatus::matchedEvents)
        .isEqualTo(original.engine().statuses().stream().map(s -> org.assertj.core.groups.Tuple
            .tuple(s.state(), s.reason(), s.reasonDataJson(), s.lastTransition(),
                s.lastEvaluated(), s.matchedEvents())).collect(Collectors.toList()));
    for (int i = 0; i < original.alarms.size(); i++) {
      assertThat(copy.history(restarted.alarms.get(i)))
          .isEqualTo(original.engine().history(original.alarms.get(i)));
      assertThat(copy.minutes(restarted.alarms.get(i)))
          .isEqualTo(original.engine().minutes(original.alarms.get(i)));
    }
    assertThat(copy.snapshot()).isEqualTo(original.engine().snapshot());
  }

  @Test
  void restoreSnapshot_onAJustCreatedEngine_isTheEngineRestoreMakes() {
    Fixture f = fixture();
    f.start(EngineOptions.defaults());
    for (int i = 0; i < 6; i++) {
      f.event("/g", "2024-05-01T" + TIMES[i] + "Z", "ERR");
    }
    EngineSnapshot snap = f.engine().snapshot();
    ResolvedAlarm added = Fixture.resolved("prod", "/g", "ERR", spec().name("new").build(), "1",
        null, Map.of());
    List<ResolvedAlarm> alarms = new java.util.ArrayList<>(f.alarms);
    alarms.add(added); // a new alarm keeps its Create item; a known one gets its history back
    java.util.List<AlarmTransition> a = new java.util.ArrayList<>();
    java.util.List<AlarmTransition> b = new java.util.ArrayList<>();
    Engine restored = Engine.restore(alarms, EngineOptions.defaults(), f.clock, a::add, snap);
    Engine created = Engine.create(alarms, EngineOptions.defaults(), f.clock, b::add);
    created.restoreSnapshot(snap);

    assertThat(created.snapshot()).isEqualTo(restored.snapshot());
    assertThat(created.changes()).isEqualTo(restored.changes());
    assertThat(created.nextBoundary()).isEqualTo(restored.nextBoundary());
    for (ResolvedAlarm x : alarms) {
      assertThat(created.history(x)).isEqualTo(restored.history(x));
    }
    f.clock.set(Instant.parse("2024-05-01T10:20:00Z"));
    created.tick();
    restored.tick();
    assertThat(view(b)).isNotEmpty().isEqualTo(view(a));
  }

  @Test
  void restoreSnapshot_afterTheEngineWasUsed_isRefused() {
    Fixture f = fixture();
    Engine e = f.start(EngineOptions.defaults());
    EngineSnapshot snap = e.snapshot();
    f.event("/g", "2024-05-01T10:00:10Z", "ERR");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.restoreSnapshot(snap))
        .isInstanceOf(IllegalStateException.class);
    Engine again = Engine.restore(f.alarms, EngineOptions.defaults(), f.clock, t -> { }, snap);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> again.restoreSnapshot(snap))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void reconfigure_keepsStateOfUpdatedAlarmsAndAddsNewOnes() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    ResolvedAlarm a = f.alarm("/g", "ERR", spec().name("a").threshold(1).build());
    Engine e = f.start(EngineOptions.defaults().withEarlyFiring(false));
    f.event("/g", "2024-05-01T10:00:10Z", "ERR");
    f.tickAt("2024-05-01T10:01:30Z");
    assertThat(f.state(a)).isEqualTo(AlarmState.ALARM);

    ResolvedAlarm stricter = Fixture.resolved("prod", "/g", "ERR",
        spec().name("a").threshold(5).build(), "1", null, Map.of());
    ResolvedAlarm added = Fixture.resolved("prod", "/g", "ERR", spec().name("new").build(), "1",
        null, Map.of());
    Engine updated = e.reconfigure(List.of(stricter, added));
    f.engine = updated;

    AlarmStatus kept = updated.statuses().get(0);
    assertThat(kept.state()).isEqualTo(AlarmState.ALARM);
    assertThat(kept.lastTransition()).isEqualTo(Instant.parse("2024-05-01T10:01:00Z"));
    assertThat(kept.matchedEvents()).isEqualTo(1);
    assertThat(updated.history(stricter)).extracting(HistoryItem::summary).containsExactly(
        "Alarm \"a\" created", "Alarm updated from INSUFFICIENT_DATA to ALARM",
        "Alarm \"a\" updated");
    assertThat(updated.statuses().get(1).state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
    assertThat(updated.minutes(stricter)).hasSize(1); // the metric's buckets survived
    f.tickAt("2024-05-01T10:02:00Z");
    // 10:02: [10:01, 10:02) is missing; both ranges reach back to 10:00 (1.0): < 5, >= 1
    assertThat(f.summary()).containsExactly("10:01:00 INSUFFICIENT_DATA->ALARM",
        "10:02:00 ALARM->OK", "10:02:00 INSUFFICIENT_DATA->ALARM");
  }

  @Test
  void reconfigure_fromTenSecondToMinuteGridKeepsEvaluatingMinuteAlarms() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("/g", "ERR", spec().name("fast").period(10).build());
    ResolvedAlarm slow = f.alarm("/g", "ERR", spec().name("slow").build());
    Engine e = f.start(EngineOptions.defaults().withEarlyFiring(false));
    f.tickAt("2024-05-01T10:00:10Z");
    assertThat(e.nextBoundary()).isEqualTo(Instant.parse("2024-05-01T10:00:20Z"));
    Engine only = e.reconfigure(List.of(slow));
    f.engine = only;
    assertThat(only.nextBoundary()).isEqualTo(Instant.parse("2024-05-01T10:01:00Z"));
    f.event("/g", "2024-05-01T10:00:30Z", "ERR");
    f.tickAt("2024-05-01T10:01:00Z");
    assertThat(f.summary()).containsExactly("10:01:00 INSUFFICIENT_DATA->ALARM");
  }
}
