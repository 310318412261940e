package io.mcpwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.engine.Engine;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.replay.Replay;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsTopologyTest {
  /** 2026-01-01T00:00:30Z: half a minute before a boundary. */
  private static final long T0 = Instant.parse("2026-01-01T00:00:30Z").toEpochMilli();

  private static final String TEAMS = "/ecs/prod/teams";

  @TempDir Path state;

  private final LoadedConfig config = Fixture.config();

  private TopologyTestDriver driver(StreamsSettings.ClockMode mode) {
    // the test driver has one partition per topic: one task holds every log group
    StreamsSettings s = Fixture.settings("unused:9092", mode, state).withPartitions(1);
    Properties p = s.streamsProperties();
    return new TopologyTestDriver(
        StreamsTopology.build(config.alarms(), EngineOptions.defaults(), s), p,
        Instant.ofEpochMilli(T0));
  }

  private static TestInputTopic<byte[], byte[]> input(TopologyTestDriver d) {
    return d.createInputTopic("mcp-logs", new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static TestOutputTopic<String, String> transitions(TopologyTestDriver d) {
    return d.createOutputTopic("mcpwatch-transitions", new StringDeserializer(),
        new StringDeserializer());
  }

  private static void pipe(TestInputTopic<byte[], byte[]> in, LogEvent e) {
    in.pipeInput(null, Fixture.json(e).getBytes(java.nio.charset.StandardCharsets.UTF_8),
        e.timestampMillis());
  }

  private static List<TransitionJson.Read> read(TestOutputTopic<String, String> out) {
    List<TransitionJson.Read> r = new ArrayList<>();
    out.readValuesToList().forEach(v -> r.add(TransitionJson.parse(v)));
    return r;
  }

  @Test
  void punctuation_minuteBoundaryOnTheWallClock_evaluatesEveryGroupWithoutEvents() {
    try (TopologyTestDriver d = driver(StreamsSettings.ClockMode.WALL)) {
      TestOutputTopic<String, String> out = transitions(d);
      d.advanceWallClockTime(Duration.ofSeconds(29));
      assertThat(out.isEmpty()).isTrue(); // 00:00:59: no boundary yet
      d.advanceWallClockTime(Duration.ofSeconds(1));
      List<TransitionJson.Read> t = read(out);
      // every alarm of every log group: INSUFFICIENT_DATA -> OK at 00:01:00 (notBreaching)
      assertThat(t).hasSize(4);
      assertThat(t).allSatisfy(r -> {
        assertThat(r.oldState()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(r.newState()).isEqualTo("OK");
        assertThat(r.timeMillis()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z").toEpochMilli());
      });
      assertThat(t).extracting(TransitionJson.Read::id).doesNotHaveDuplicates();
    }
  }

  @Test
  void process_thirdFailureWithinTheMinute_firesEarlyBeforeTheBoundary() {
    try (TopologyTestDriver d = driver(StreamsSettings.ClockMode.WALL)) {
      TestInputTopic<byte[], byte[]> in = input(d);
      TestOutputTopic<String, String> out = transitions(d);
      d.advanceWallClockTime(Duration.ofSeconds(31)); // 00:01:01, all OK
      read(out);
      for (int i = 0; i < 3; i++) {
        d.advanceWallClockTime(Duration.ofSeconds(1));
        pipe(in, new LogEvent(TEAMS, T0 + 32_000 + i * 1000, Fixture.FAIL));
      }
      List<TransitionJson.Read> t = read(out);
      assertThat(t).hasSize(1);
      assertThat(t.get(0).alarmName()).isEqualTo("teams-prod-auth-failures");
      assertThat(t.get(0).newState()).isEqualTo("ALARM");
      assertThat(t.get(0).early()).isTrue();
      assertThat(t.get(0).timeMillis()).isEqualTo(T0 + 34_000); // the clock's now, not 00:02:00
      assertThat(t.get(0).actions()).containsExactly("alarms-prod");
    }
  }

  /** The single-node service's handling, for comparison: the engine on a hand-moved wall clock. */
  private List<String> referenceTransitions(List<long[]> wallAndTs, List<MinuteAggregate> minutes) {
    AtomicLong wall = new AtomicLong(T0);
    InstantSource clock = InstantSource.fixed(Instant.EPOCH);
    clock = new InstantSource() {
      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(wall.get());
      }
    };
    List<ResolvedAlarm> teams = config.alarms().stream()
        .filter(a -> a.logGroup().equals(TEAMS)).toList();
    List<String> out = new ArrayList<>();
    Engine e = Engine.create(teams, EngineOptions.defaults(), clock,
        t -> out.add(describe(t)));
    for (long[] wt : wallAndTs) {
      wall.set(wt[0]);
      if (wt[1] < 0) {
        e.tick();
      } else {
        e.ingest(new LogEvent(TEAMS, wt[1], Fixture.FAIL));
      }
    }
    minutes.addAll(e.minutes(teams.get(0)));
    return out;
  }

  private static String describe(AlarmTransition t) {
    return t.alarm().spec().alarmName() + " " + t.oldState() + ">" + t.newState() + " @"
        + t.time().toEpochMilli() + (t.early() ? " early" : "");
  }

  private static String describe(TransitionJson.Read r) {
    return r.alarmName() + " " + r.oldState() + ">" + r.newState() + " @" + r.timeMillis()
        + (r.early() ? " early" : "");
  }

  @Test
  void process_lateEvents_areCountedInTheirOwnMinuteAsTheLiveServiceDoes() {
    // wall clock, event time: two failures in 00:01, then the third arrives late at 00:02:10
    // (after the 00:02:00 evaluation), stamped 00:01:50; then the 00:03:00 evaluation.
    List<long[]> steps = List.of(
        new long[] {T0 + 40_000, T0 + 35_000},
        new long[] {T0 + 41_000, T0 + 36_000},
        new long[] {T0 + 90_000, -1},
        new long[] {T0 + 100_000, T0 + 80_000},
        new long[] {T0 + 150_000, -1});
    List<MinuteAggregate> expectedMinutes = new ArrayList<>();
    List<String> expected = referenceTransitions(steps, expectedMinutes);
    assertThat(expected).isNotEmpty();

    try (TopologyTestDriver d = driver(StreamsSettings.ClockMode.WALL)) {
      TestInputTopic<byte[], byte[]> in = input(d);
      TestOutputTopic<String, String> out = transitions(d);
      long wall = T0;
      for (long[] st : steps) {
        d.advanceWallClockTime(Duration.ofMillis(st[0] - wall));
        wall = st[0];
        if (st[1] >= 0) {
          pipe(in, new LogEvent(TEAMS, st[1], Fixture.FAIL));
        }
      }
      List<String> actual = read(out).stream()
          .filter(r -> r.alarmName().equals("teams-prod-auth-failures"))
          .map(StreamsTopologyTest::describe).toList();
      assertThat(actual).isEqualTo(expected);
      assertThat(minutesInStore(d, TEAMS)).isEqualTo(expectedMinutes);
    }
  }

  private List<MinuteAggregate> minutesInStore(TopologyTestDriver d, String group) {
    KeyValueStore<String, byte[]> store = d.getKeyValueStore(EngineProcessor.STORE);
    EngineSnapshot snap = new SnapshotCodec(config.alarms()).decode(store.get(group));
    List<ResolvedAlarm> alarms = config.alarms().stream()
        .filter(a -> a.logGroup().equals(group)).toList();
    Engine e = Engine.restore(alarms, EngineOptions.defaults(),
        InstantSource.fixed(Instant.ofEpochMilli(snap.nextBoundaryMillis() - 1)), t -> {}, snap);
    return e.minutes(alarms.get(0));
  }

  @Test
  void process_eventClock_interleavedGroupsGiveTheSameTransitionsAsBacktest() {
    List<LogEvent> events = new ArrayList<>();
    long t = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    for (String g : Fixture.GROUPS) {
      events.add(new LogEvent(g, t, Fixture.OK)); // every group starts at the same instant
    }
    // a burst in prod/teams at 00:01:1x, a slower trickle in dev/files, interleaved with traffic
    for (int i = 0; i < 240; i++) {
      long ts = t + 1000L * i;
      String g = Fixture.GROUPS.get(i % 4);
      boolean fail = (g.equals(TEAMS) && i >= 70 && i < 90) || (g.equals("/ecs/dev/files")
          && i % 8 == 3 && i < 120);
      events.add(new LogEvent(g, ts, fail ? Fixture.FAIL : Fixture.OK));
    }
    long end = t + 240_000;
    for (String g : Fixture.GROUPS) {
      events.add(new LogEvent(g, end, Fixture.OK));
    }
    Replay.Result backtest = Replay.run(config.alarms(), Fixture.reader(events),
        EngineOptions.defaults(), null, Instant.ofEpochMilli(end), n -> {});
    List<String> expected = new ArrayList<>();
    backtest.alarms().forEach(a -> a.transitions().forEach(tr -> expected.add(describe(tr))));

    try (TopologyTestDriver d = driver(StreamsSettings.ClockMode.EVENT)) {
      TestInputTopic<byte[], byte[]> in = input(d);
      events.forEach(e -> pipe(in, e));
      List<String> actual = read(transitions(d)).stream().map(StreamsTopologyTest::describe)
          .toList();
      assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(actual.stream().filter(s -> s.contains(">ALARM")).count()).isGreaterThan(1);
      for (Replay.AlarmResult a : backtest.alarms()) {
        assertThat(minutesInStore(d, a.alarm().logGroup())).isEqualTo(a.minutes());
      }
    }
  }
}
