package io.mcpwatch.engine;

import static io.mcpwatch.alarm.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.ResolvedAlarm;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: an engine whose history lives in a store keeps only the newest stored items of each
 * alarm in memory ({@link EngineOptions#historyInMemory()}, {@link Engine#committed()}), never an
 * item the store has not been given yet, and the drop alone is no change to commit.
 */
class BoundedHistoryTest {

  private static final String T0 = "2024-05-01T10:00:00Z";

  private static Fixture flapping(EngineOptions options) {
    Fixture f = new Fixture(T0);
    f.alarm("/g", "ERR", spec().name("m").treat(TreatMissingData.notBreaching).build());
    f.start(options);
    return f;
  }

  /** ERR in every fourth minute: the alarm moves to ALARM, and back to OK three minutes later. */
  private static void flap(Fixture f, int fromMinute, int toMinute) {
    for (int m = fromMinute; m < toMinute; m += 4) {
      f.event("/g", Instant.parse(T0).plusSeconds(60L * m + 5).toString(), "ERR");
      f.tickAt(Instant.parse(T0).plusSeconds(60L * m + 61).toString());
      f.tickAt(Instant.parse(T0).plusSeconds(60L * m + 239).toString());
    }
  }

  @Test
  void committed_keepsTheNewestStoredItemAndEveryUnreportedOne() {
    Fixture f = flapping(EngineOptions.defaults().withHistoryInMemory(1));
    ResolvedAlarm m = f.alarms.get(0);
    Instant created = f.engine().history(m).get(0).timestamp();
    flap(f, 0, 20);
    List<HistoryItem> before = f.engine().history(m);
    assertThat(before).hasSizeGreaterThan(5);
    EngineChanges c = f.engine().changes();
    assertThat(c.alarms().get(0).history()).isEqualTo(before);
    // an Action item after the changes were taken: not stored yet
    f.engine().recordAction(m, Instant.parse("2024-05-01T10:21:00Z"), "topic", null);
    f.engine().committed();
    List<HistoryItem> after = f.engine().history(m);
    assertThat(after).hasSize(2);
    assertThat(after.get(0)).isSameAs(before.get(before.size() - 1));
    assertThat(after.get(1).type()).isEqualTo(HistoryItem.Type.Action);
    // the next changes report the alarm for its new item, starting at the newest stored one
    EngineChanges next = f.engine().changes();
    assertThat(next.alarms().get(0).history()).isEqualTo(after);
    f.engine().committed();
    assertThat(f.engine().history(m)).containsExactly(after.get(1));
    // the configuration time outlives its item
    assertThat(f.engine().configuredAt(m)).isEqualTo(created);
    assertThat(f.engine().snapshot().alarms().get(0).configuredMillis())
        .isEqualTo(created.toEpochMilli());
  }

  @Test
  void committed_dropAloneIsNoChange() {
    Fixture f = flapping(EngineOptions.defaults().withHistoryInMemory(1));
    flap(f, 0, 12);
    f.engine().changes();
    f.engine().committed();
    assertThat(f.engine().changes().alarms()).isEmpty();
  }

  @Test
  void committed_withoutABoundOrWithoutChangesKeepsEverything() {
    Fixture all = flapping(EngineOptions.defaults());
    Fixture bounded = flapping(EngineOptions.defaults().withHistoryInMemory(1));
    flap(all, 0, 20);
    flap(bounded, 0, 20);
    ResolvedAlarm m = all.alarms.get(0);
    all.engine().changes();
    all.engine().committed();
    bounded.engine().committed(); // nothing reported yet: nothing is known to be stored
    assertThat(all.engine().history(m)).hasSizeGreaterThan(5);
    assertThat(bounded.engine().history(bounded.alarms.get(0)))
        .isEqualTo(all.engine().history(m));
  }

  @Test
  void restore_itemsOfTheSnapshotStayUntilTheFirstCommitAfterIt() {
    Fixture f = flapping(EngineOptions.defaults().withHistoryInMemory(1));
    flap(f, 0, 20);
    EngineSnapshot s = f.engine().snapshot();
    Engine restored = Engine.restore(f.alarms, EngineOptions.defaults().withHistoryInMemory(1),
        f.clock, t -> {}, s);
    restored.committed();
    ResolvedAlarm m = f.alarms.get(0);
    assertThat(restored.history(m)).isEqualTo(s.alarms().get(0).history());
    assertThat(restored.changes().alarms().get(0).history()).hasSizeGreaterThan(5);
    restored.committed();
    assertThat(restored.history(m)).hasSize(1);
    assertThat(restored.configuredAt(m)).isEqualTo(Instant.parse(T0));
  }
}
