package io.mcpwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.LogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
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

  @Test
  void init_again_onTheSameObjectAfterAnAbortedTransaction_forgetsWhatWasRolledBack() {
    // event clock; dev/files first appears inside the aborted part (its engine is created there)
    List<Step> all = steps().stream()
        .filter(s -> !(s.group().equals("/ecs/dev/files") && s.wall() < T0 + 1500L * 180))
        .toList();
    int commit = firstAt(all, T0 + 1500L * 150);
    int aborted = firstAt(all, T0 + 1500L * 230);
    MockProcessorContext<String, String> whole = new MockProcessorContext<>();
    EngineProcessor reference = new EngineProcessor(alarms, EngineOptions.defaults(),
        StreamsSettings.ClockMode.EVENT, 1000, 1);
    newStore(whole);
    List<String> uninterrupted = runOn(reference, all, whole);
    assertThat(uninterrupted).anyMatch(v -> v.contains("files-dev"));

    // the task commits at wall step 150; steps 150..229 run in a transaction that is aborted, and
    // Kafka Streams revives the task: the same processor is initialised again on the store as
    // committed, and the input is read again from step 173
    MockProcessorContext<String, String> ctx = new MockProcessorContext<>();
    KeyValueStore<String, byte[]> store = newStore(ctx);
    EngineProcessor p = new EngineProcessor(alarms, EngineOptions.defaults(),
        StreamsSettings.ClockMode.EVENT, 1000, 1);
    List<String> committed = runOn(p, all.subList(0, commit), ctx);
    List<KeyValue<String, byte[]>> snapshot = new ArrayList<>();
    store.all().forEachRemaining(snapshot::add);
    runOn(p, all.subList(commit, aborted), ctx); // aborted: its output is never seen
    // the store as restored from the changelog: the aborted writes are gone
    List<String> keys = new ArrayList<>();
    store.all().forEachRemaining(kv -> keys.add(kv.key));
    keys.forEach(store::delete);
    snapshot.forEach(kv -> store.put(kv.key, kv.value));
    assertThat(store.get("/ecs/dev/files")).isNull();
    List<String> after = runOn(p, all.subList(commit, all.size()), ctx);

    List<String> joined = new ArrayList<>(committed);
    joined.addAll(after);
    assertThat(joined).isEqualTo(uninterrupted);
  }

  private static int firstAt(List<Step> steps, long wall) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).wall() >= wall) {
        return i;
      }
    }
    throw new IllegalArgumentException("no step at " + wall);
  }

  private static List<String> runOn(EngineProcessor p, List<Step> steps,
      MockProcessorContext<String, String> ctx) {
    ctx.resetForwards();
    ctx.setCurrentSystemTimeMs(steps.get(0).wall());
    p.init(ctx); // event clock: no punctuator
    for (Step s : steps) {
      p.process(new Record<>(s.group(), new LogEvent(s.group(), s.ts(), s.message()), s.ts()));
    }
    List<String> out = new ArrayList<>();
    ctx.forwarded().forEach(f -> out.add(f.record().value()));
    return out;
  }

  @Test
  void init_eventClockOnTheRestoredStore_resumesAtTheSavedEventTime() {
    final int chunk = 3;
    // event clock, in order; the task moves after every third record (a new processor on the
    // store as committed), so some moves fall between a group's last save and its next early firing
    List<Step> all = steps().stream().filter(s -> s.ts() > s.wall() - 1000).toList();
    MockProcessorContext<String, String> whole = new MockProcessorContext<>();
    newStore(whole);
    List<String> uninterrupted = runOn(new EngineProcessor(alarms, EngineOptions.defaults(),
        StreamsSettings.ClockMode.EVENT, 1000, 1), all, whole);
    assertThat(uninterrupted).anyMatch(v -> v.contains("\"early\":true"));

    MockProcessorContext<String, String> ctx = new MockProcessorContext<>();
    KeyValueStore<String, byte[]> store = newStore(ctx);
    List<String> joined = new ArrayList<>();
    for (int from = 0; from < all.size(); from += chunk) {
      joined.addAll(runOn(new EngineProcessor(alarms, EngineOptions.defaults(),
          StreamsSettings.ClockMode.EVENT, 1000, 1),
          all.subList(from, Math.min(all.size(), from + chunk)), ctx));
    }
    assertThat(joined).isEqualTo(uninterrupted);
  }
}
