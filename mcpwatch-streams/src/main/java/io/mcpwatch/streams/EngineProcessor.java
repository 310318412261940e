package io.mcpwatch.streams;

import io.mcpwatch.replay.ReplayClock;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.engine.Engine;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.engine.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * One task of the engine sub-topology: the log groups whose key hashes to this task's partition,
 * each with its own core {@link Engine} (only that group's alarms). After every event and every
 * punctuation that changed an engine, its snapshot is written to the changelogged {@code engines}
 * store (key: log group) in the same exactly-once transaction as the transitions it produced, so a
 * task that moves to another instance resumes from exactly the state that matches its committed
 * input offsets.
 *
 * <p>Clock: in {@code WALL} mode every engine reads the task's wall clock ({@link
 * ProcessorContext#currentSystemTimeMs()}), a wall-clock punctuator runs due evaluations every
 * {@code tickMillis}, and the engines of every configured log group of the partition exist from
 * the start (a quiet group's alarms are evaluated as in the single-node service). In {@code EVENT}
 * mode each group's clock is the newest event time seen for it (as {@code backtest}'s), and an
 * engine starts at its group's first event.
 */
final class EngineProcessor implements Processor<String, LogEvent, String, String> {
  static final String STORE = "engines";

  private final Map<String, List<ResolvedAlarm>> alarmsByGroup;
  private final EngineOptions options;
  private final StreamsSettings.ClockMode mode;
  private final long tickMillis;
  private final int partitions;
  private final SnapshotCodec codec;
  private final Map<String, GroupEngine> engines = new HashMap<>();
  private final List<AlarmTransition> pending = new ArrayList<>();
  private @Nullable ProcessorContext<String, String> context;
  private @Nullable KeyValueStore<String, byte[]> store;

  EngineProcessor(List<ResolvedAlarm> alarms, EngineOptions options,
      StreamsSettings.ClockMode mode, long tickMillis, int partitions) {
    Map<String, List<ResolvedAlarm>> m = new LinkedHashMap<>();
    for (ResolvedAlarm a : alarms) {
      m.computeIfAbsent(a.logGroup(), g -> new ArrayList<>()).add(a);
    }
    this.alarmsByGroup = m;
    this.options = options;
    this.mode = mode;
    this.tickMillis = tickMillis;
    this.partitions = partitions;
    this.codec = new SnapshotCodec(alarms);
  }

  /** The repartition topic's partition of a log group (Kafka's default partitioner for keys). */
  static int partitionOf(String logGroup, int partitions) {
    return Utils.toPositive(Utils.murmur2(logGroup.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  @Override
  public void init(ProcessorContext<String, String> ctx) {
    this.context = ctx;
    this.store = ctx.getStateStore(STORE);
    // Kafka Streams calls init again on the same object when it revives a task after an aborted
    // transaction: the engines must come from the restored store, never from memory.
    engines.clear();
    pending.clear();
    // engines restored from the changelog first
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        List<ResolvedAlarm> alarms = alarmsByGroup.get(kv.key);
        if (alarms != null) {
          EngineSnapshot snap = codec.decode(kv.value);
          // event clock: resume at the event time it had when the snapshot was saved
          ReplayClock clock = new ReplayClock(mode == StreamsSettings.ClockMode.EVENT
              ? SnapshotCodec.clockOf(kv.value) : ctx.currentSystemTimeMs());
          Engine e = Engine.restore(alarms, options, clock, pending::add, snap);
          GroupEngine ge = new GroupEngine(e, clock);
          ge.remember();
          engines.put(kv.key, ge);
        }
      }
    }
    if (mode == StreamsSettings.ClockMode.WALL) {
      int partition = ctx.taskId().partition();
      for (String group : alarmsByGroup.keySet()) {
        if (partitionOf(group, partitions) == partition && !engines.containsKey(group)) {
          create(group, ctx.currentSystemTimeMs());
        }
      }
      ctx.schedule(Duration.ofMillis(tickMillis), PunctuationType.WALL_CLOCK_TIME, this::tick);
    }
  }

  private GroupEngine create(String group, long startMillis) {
    ReplayClock clock = new ReplayClock(startMillis);
    Engine e = Engine.create(alarmsByGroup.get(group), options, clock, pending::add);
    GroupEngine ge = new GroupEngine(e, clock);
    engines.put(group, ge);
    save(group, ge);
    return ge;
  }

  @Override
  public void process(Record<String, LogEvent> r) {
    LogEvent e = r.value();
    if (e == null || !alarmsByGroup.containsKey(e.logGroup())) {
      return;
    }
    String group = e.logGroup();
    GroupEngine ge = engines.get(group);
    long now = mode == StreamsSettings.ClockMode.WALL
        ? context().currentSystemTimeMs() : e.timestampMillis();
    if (ge == null) {
      ge = create(group, now);
    }
    ge.clock.advanceTo(now);
    boolean emitted = !pending.isEmpty();
    ge.engine.ingest(e);
    emitted |= !pending.isEmpty();
    emit();
    if (emitted || ge.changed()) {
      save(group, ge);
    }
  }

  @Override
  public void close() {
    engines.clear();
    pending.clear();
  }

  private void tick(long wallMillis) {
    for (Map.Entry<String, GroupEngine> en : engines.entrySet()) {
      GroupEngine ge = en.getValue();
      ge.clock.advanceTo(wallMillis);
      if (wallMillis >= ge.engine.nextBoundary().toEpochMilli()) {
        ge.engine.tick();
        emit();
        save(en.getKey(), ge);
      }
    }
  }

  private void emit() {
    if (pending.isEmpty()) {
      return;
    }
    for (AlarmTransition t : pending) {
      context().forward(new Record<>(TransitionJson.key(t), TransitionJson.toJson(t),
          t.time().toEpochMilli()));
    }
    pending.clear();
  }

  private void save(String group, GroupEngine ge) {
    store().put(group, SnapshotCodec.encode(ge.engine.snapshot(), ge.clock.millis()));
    ge.remember();
  }

  private ProcessorContext<String, String> context() {
    if (context == null) {
      throw new IllegalStateException("not initialized");
    }
    return context;
  }

  private KeyValueStore<String, byte[]> store() {
    if (store == null) {
      throw new IllegalStateException("not initialized");
    }
    return store;
  }

  /**
   * An engine and what its last saved snapshot held. Most lines match no filter and leave the
   * snapshot as it was (only counters outside it move), so the snapshot is written only when an
   * evaluation ran, a sample was published (an alarm's matched count moved) or a filter has a
   * default value (every line publishes).
   */
  private static final class GroupEngine {
    final Engine engine;
    final ReplayClock clock;
    final boolean publishesDefaults;
    long savedBoundary;
    long savedMatched;

    GroupEngine(Engine engine, ReplayClock clock) {
      this.engine = engine;
      this.clock = clock;
      this.publishesDefaults = engine.statuses().stream()
          .anyMatch(s -> s.alarm().filter().transformation().defaultValue() != null);
    }

    boolean changed() {
      return publishesDefaults || engine.nextBoundary().toEpochMilli() != savedBoundary
          || matched() != savedMatched;
    }

    void remember() {
      savedBoundary = engine.nextBoundary().toEpochMilli();
      savedMatched = matched();
    }

    private long matched() {
      long m = 0;
      for (var s : engine.statuses()) {
        m += s.matchedEvents();
      }
      return m;
    }
  }
}
