package io.mcpwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.LogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A task that moves to another instance starts a new processor on the store restored from the
 * changelog: its output from then on must continue the old one's exactly.
 */
class EngineProcessorRestartTest {
  private static final long T0 = Instant.parse("2026-01-01T00:00:30Z").toEpochMilli();
  private final List<ResolvedAlarm> alarms = Fixture.config().alarms();

  /** One step: the wall clock moves to {@code wall}, then an event (or only the punctuator). */
  private record Step(long wall, String group, long ts, String message) {}

  private List<Step> steps() {
    List<Step> s = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String g = Fixture.GROUPS.get(i % 4);
      long wall = T0 + 1500L * i;
      boolean fail = (i / 20) % 10 == 1 && (g.equals("/ecs/prod/teams") || i % 7 == 0);
      // every 9th event is late: stamped 70 s before the wall clock
      long ts = i % 9 == 8 ? wall - 70_000 : wall - 200;
      s.add(new Step(wall, g, ts, fail ? Fixture.FAIL : Fixture.OK));
    }
    return s;
  }

  private static KeyValueStore<String, byte[]> newStore(MockProcessorContext<String, String> ctx) {
    KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(EngineProcessor.STORE), Serdes.String(),
            Serdes.ByteArray())
        .withLoggingDisabled().build();
    store.init(ctx.getStateStoreContext(), store);
    ctx.addStateStore(store);
    return store;
  }

  /** Runs {@code steps} on a new processor over {@code store}; returns what it forwarded. */
  private List<String> run(List<Step> steps, KeyValueStore<String, byte[]> store,
      MockProcessorContext<String, String> ctx) {
    EngineProcessor p = new EngineProcessor(alarms, EngineOptions.defaults(),
        StreamsSettings.ClockMode.WALL, 1000, 1);
    ctx.resetForwards();
    ctx.setCurrentSystemTimeMs(steps.get(0).wall());
    p.init(ctx);
    var punctuator = ctx.scheduledPunctuators().get(ctx.scheduledPunctuators().size() - 1);
    for (Step s : steps) {
      ctx.setCurrentSystemTimeMs(s.wall());
      punctuator.getPunctuator().punctuate(s.wall());
      p.process(new Record<>(s.group(), new LogEvent(s.group(), s.ts(), s.message()), s.ts()));
    }
    List<String> out = new ArrayList<>();
    ctx.forwarded().forEach(f -> out.add(f.record().value()));
    return out;
  }

  @Test
  void init_onTheRestoredStore_continuesExactlyWhereTheOldTaskStopped() {
    List<Step> all = steps();
    MockProcessorContext<String, String> whole = new MockProcessorContext<>();
    List<String> uninterrupted = run(all, newStore(whole), whole);
    assertThat(uninterrupted.stream().filter(v -> v.contains("\"newState\":\"ALARM\"")))
        .isNotEmpty();
    assertThat(uninterrupted.stream().filter(v -> v.contains("\"oldState\":\"ALARM\"")))
        .isNotEmpty();

    MockProcessorContext<String, String> ctx = new MockProcessorContext<>();
    KeyValueStore<String, byte[]> store = newStore(ctx);
    List<String> before = run(all.subList(0, 173), store, ctx);
    // a new context (another instance) with the same store contents
    MockProcessorContext<String, String> ctx2 = new MockProcessorContext<>();
    KeyValueStore<String, byte[]> restored = newStore(ctx2);
    store.all().forEachRemaining(kv -> restored.put(kv.key, kv.value));
    List<String> after = run(all.subList(173, all.size()), restored, ctx2);

    List<String> joined = new ArrayList<>(before);
    joined.addAll(after);
    assertThat(joined).isEqualTo(uninterrupted);
  }
}
