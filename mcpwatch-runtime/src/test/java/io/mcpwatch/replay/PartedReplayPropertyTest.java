package io.mcpwatch.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.pattern.FilterPattern;
import io.mcpwatch.pattern.LiteralPrefilter;
import io.mcpwatch.pattern.MetricFilter;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.pattern.PatternOptions;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.EventReaders;
import io.mcpwatch.source.read.ReadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay whose inputs are split into line-aligned parts matched on several threads gives exactly
 * the result of the sequential replay of the same inputs in event-time order: every transition
 * (time, early flag, reason), minute aggregate, matched count and counter, including reader
 * errors with their line numbers and out-of-order counts. Random JSON-lines files (one to three),
 * random part sizes and thread counts, several log groups, late events, an input whose earliest
 * event comes last, malformed, blank and oversized lines, a byte-order mark, a from/to window,
 * with and without the literal prefilter.
 */
class PartedReplayPropertyTest {
  private static final long START = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
  private static final String[] MESSAGES = {
    "INFO:     10.0.0.1:4242 - \\\"POST /mcp HTTP/1.1\\\" 200 OK",
    "INFO:     10.0.0.2:4242 - \\\"GET /x HTTP/1.1\\\" 404 Not Found",
    "INFO:     10.0.0.3:4242 - \\\"POST /mcp HTTP/1.1\\\" 500 Internal Server Error",
    "ERROR:auth:OBO token exchange failed: AADSTS50013",
    "INFO:mcp.server:Processing request of type CallToolRequest",
    "LAT 250", "LAT 1250", "LAT 0.1", "LAT x",
  };

  @TempDir Path tmp;

  @Test
  void runParted_equalsTheSequentialReplay() {
    AtomicLong transitions = new AtomicLong();
    AtomicLong early = new AtomicLong();
    AtomicLong outOfOrder = new AtomicLong();
    AtomicLong errorsAfterFirstPart = new AtomicLong();
    AtomicLong case_ = new AtomicLong();
    qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      Path dir = tmp.resolve("case" + case_.incrementAndGet());
      List<Path> files = new ArrayList<>();
      int inputs = 1 + r.nextInt(3);
      long bytes = 0;
      try {
        Files.createDirectories(dir);
        for (int i = 0; i < inputs; i++) {
          Path f = dir.resolve("in" + i + ".jsonl");
          Files.write(f, stream(r, i));
          bytes += Files.size(f);
          files.add(f);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<ResolvedAlarm> alarms = alarms(r.nextBoolean());
      ReadOptions options = options(alarms, r.nextBoolean(), r.nextInt(4) == 0);
      Instant from = r.nextInt(3) == 0 ? Instant.ofEpochMilli(START + r.nextInt(1_200_000)) : null;
      Instant to = r.nextInt(3) == 0 ? Instant.ofEpochMilli(START + 1_500_000 + r.nextInt(2_000_000)) : null;
      EngineOptions engine = EngineOptions.defaults().withRetainAll(true).withHistory(false)
          .withEarlyFiring(r.nextInt(5) != 0);
      long partBytes = 1 + (long) (r.nextDouble() * r.nextDouble() * bytes / 2);
      int threads = 2 + r.nextInt(3);
      // sometimes too many events to hold: the replay falls back to one thread
      long maxKept = r.nextInt(6) == 0 ? 1 + r.nextInt(3_000) : Long.MAX_VALUE;

      Replay.Result one;
      try (EventReader in = open(files, options)) {
        one = Replay.run(alarms, in, engine, from, to, n -> {}, false);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Replay.Result parted;
      try (EventReader in = open(files, options)) {
        parted = Replay.runParted(alarms, in, engine, from, to, n -> {}, threads, partBytes,
            maxKept);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertThat(parted)
          .as("parted (%d bytes per part, %d threads, %d kept)", partBytes, threads, maxKept)
          .isNotNull();
      assertThat(parted.summary()).isEqualTo(one.summary());
      assertThat(parted.alarms()).isEqualTo(one.alarms());
      for (Replay.AlarmResult a : one.alarms()) {
        transitions.addAndGet(a.transitions().size());
        early.addAndGet(a.transitions().stream().filter(t -> t.early()).count());
      }
      outOfOrder.addAndGet(one.summary().reader().outOfOrder());
      if (one.summary().reader().firstErrors().stream().anyMatch(e -> e.matches(".*:\\d{3,}:.*"))) {
        errorsAfterFirstPart.incrementAndGet();
      }
    });
    assertThat(transitions.get()).as("transitions").isGreaterThan(200);
    assertThat(early.get()).as("early transitions").isGreaterThan(20);
    assertThat(outOfOrder.get()).as("out-of-order events").isGreaterThan(100);
    assertThat(errorsAfterFirstPart.get()).as("errors past line 99").isGreaterThan(3);
  }

  @Test
  void runParted_moreKeptEventsThanAllowed_replaysOnOneThreadWithTheSameResult() throws IOException {
    Path f = tmp.resolve("many.jsonl");
    Files.write(f, stream(new Random(7), 0));
    List<ResolvedAlarm> alarms = alarms(true);
    ReadOptions options = options(alarms, true, false);
    EngineOptions engine = EngineOptions.defaults().withRetainAll(true).withHistory(false);
    try (EventReader in = open(List.of(f), options)) {
      List<io.mcpwatch.source.read.InputPart> parts = EventReaders.parts(in, 10_000);
      assertThat(parts).hasSizeGreaterThan(2);
      assertThat(PartedReplay.run(alarms, in, parts, engine, Long.MIN_VALUE, Long.MAX_VALUE,
          false, false, n -> {}, 2, 100)).as("gives up past 100 kept events").isNull();
    }
    Replay.Result one;
    try (EventReader in = open(List.of(f), options)) {
      one = Replay.run(alarms, in, engine, null, null, n -> {}, false);
    }
    try (EventReader in = open(List.of(f), options)) {
      assertThat(Replay.runParted(alarms, in, engine, null, null, n -> {}, 2, 10_000, 100))
          .isEqualTo(one);
    }
    assertThat(one.summary().eventsReplayed()).isGreaterThan(1_000);
  }

  /**
   * The replay ingests the parts of one input as they come in, guessing that the input is in time
   * order; a part whose first kept event is earlier than the last one ingested, in the same 10 s
   * interval, ends the guess, and the result is still the sequential one (here the early firing
   * that the later-written, earlier event causes, at its own time).
   */
  @Test
  void runParted_aPartStartingBeforeTheLastEventIngested_givesTheSequentialResult() throws IOException {
    Both r = bothWays("late.jsonl", true,
        line(START + 1_000, "LAT 10", ""),
        line(START + 5_000, "LAT 5000", "x".repeat(400)),
        line(START + 3_000, "LAT 7000", ""));

    Replay.AlarmResult lat = r.one().alarms().stream()
        .filter(a -> a.alarm().spec().alarmName().equals("a-lat")).findFirst().orElseThrow();
    assertThat(lat.transitions()).first()
        .satisfies(t -> assertThat(t.time()).isEqualTo(Instant.ofEpochMilli(START + 3_000)));
    assertThat(r.parted()).isEqualTo(r.one());
  }

  /**
   * A later part's event that no pattern matches, earlier than the last event ingested: its 10 s
   * interval is ticked before that event in the sequential replay, so the guess ends there too, and
   * the result is the sequential one (the first evaluation at 10:01:00).
   */
  @Test
  void runParted_aPartWithAnEarlierUnmatchedEvent_givesTheSequentialResult() throws IOException {
    Both r = bothWays("late-unmatched.jsonl", false,
        line(START + 1_000, "LAT 10", ""),
        line(START + 75_000, "LAT 10", "x".repeat(400)),
        line(START + 62_000, "nothing to see", ""),
        line(START + 80_000, "LAT 10", ""));

    assertThat(r.one().alarms().get(0).transitions()).first()
        .satisfies(t -> assertThat(t.time()).isEqualTo(Instant.ofEpochMilli(START + 60_000)));
    assertThat(r.parted()).isEqualTo(r.one());
  }

  private record Both(Replay.Result one, Replay.Result parted) {}

  /**
   * The lines as one file, replayed on one thread and in two parts (cut in the middle, which falls
   * within the second line: it is the long one).
   */
  private Both bothWays(String name, boolean prefilter, String... lines) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, String.join("", lines));
    long half = Files.size(f) / 2;
    List<ResolvedAlarm> alarms = alarms(false);
    ReadOptions options = options(alarms, prefilter, false);
    EngineOptions engine = EngineOptions.defaults().withRetainAll(true).withHistory(false);
    try (EventReader in = open(List.of(f), options)) {
      assertThat(EventReaders.parts(in, half)).hasSize(2);
    }
    Replay.Result one;
    try (EventReader in = open(List.of(f), options)) {
      one = Replay.run(alarms, in, engine, null, null, n -> {}, false);
    }
    try (EventReader in = open(List.of(f), options)) {
      return new Both(one,
          Replay.runParted(alarms, in, engine, null, null, n -> {}, 2, half, Long.MAX_VALUE));
    }
  }

  private static String line(long ts, String message, String pad) {
    return "{\"timestamp\":" + ts + ",\"message\":\"" + message + "\",\"logGroup\":\"/a\""
        + (pad.isEmpty() ? "" : ",\"pad\":\"" + pad + "\"") + "}\n";
  }

  private static EventReader open(List<Path> files, ReadOptions options) throws IOException {
    List<EventReader> readers = new ArrayList<>();
    for (Path f : files) {
      readers.add(EventReaders.open(f, options));
    }
    return EventReaders.inTimeOrder(readers);
  }

  /** As backtest reads: the alarms' groups wanted, their prefilters (or not), small events. */
  private static ReadOptions options(
      List<ResolvedAlarm> alarms, boolean prefilter, boolean smallEvents) {
    Map<String, List<FilterPattern>> patterns = new HashMap<>();
    for (ResolvedAlarm a : alarms) {
      patterns.computeIfAbsent(a.logGroup(), g -> new ArrayList<>()).add(a.filter().pattern());
    }
    Map<String, LiteralPrefilter> prefilters = new HashMap<>();
    patterns.forEach((g, ps) -> {
      LiteralPrefilter p = LiteralPrefilter.of(ps);
      if (p != null) {
        prefilters.put(g, p);
      }
    });
    ReadOptions o = ReadOptions.defaults().withDefaultLogGroup("/a")
        .withWantedLogGroups(java.util.Set.of("/a", "/b"))
        .withPrefilters(prefilter ? prefilters : null);
    return smallEvents ? o.withMaxEventBytes(120) : o;
  }

  /**
   * 2,000 to 8,000 lines over about an hour in two styles, some late (up to 200 s), some
   * malformed, blank or long, of three groups; sometimes a byte-order mark, sometimes the
   * earliest event of all last.
   */
  private static byte[] stream(Random r, int input) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(5) == 0) {
      sb.append('\uFEFF');
    }
    int n = 2_000 + r.nextInt(6_000);
    long ts = START + input * 7_000L + r.nextInt(60_000);
    int malformed = r.nextBoolean() ? 500 : 60;
    boolean quiet = false;
    for (int i = 0; i < n; i++) {
      ts += r.nextInt(r.nextInt(50) == 0 ? 120_000 : 900);
      long t = r.nextInt(30) == 0 ? ts - r.nextInt(200_000) : ts;
      if (r.nextInt(1_000) == 0) {
        quiet = !quiet; // a stretch with events of an unwatched group only
      }
      int k = r.nextInt(100);
      String group = quiet || k >= 90 ? "/other" : k < 45 ? "/a" : "/b";
      String message = MESSAGES[r.nextInt(MESSAGES.length)];
      if (r.nextInt(40) == 0) {
        message = message + " " + "y".repeat(r.nextInt(200));
      }
      int odd = r.nextInt(malformed);
      if (odd == 0) {
        sb.append("{\"timestamp\":oops}\n");
      } else if (odd == 1) {
        sb.append("\n");
      } else if (r.nextBoolean()) {
        sb.append("{\"timestamp\":").append(t).append(",\"message\":\"").append(message)
            .append("\",\"logGroup\":\"").append(group).append("\"}\n");
      } else {
        sb.append("{\"timestamp\": ").append(t).append(", \"message\": \"").append(message)
            .append(group.equals("/a") ? "\"}\n" : "\", \"logGroup\": \"" + group + "\"}\n");
      }
    }
    if (r.nextInt(4) == 0) {
      sb.append("{\"timestamp\":").append(START - 300_000 - r.nextInt(100_000))
          .append(",\"message\":\"LAT 9999\",\"logGroup\":\"/a\"}");
      if (r.nextBoolean()) {
        sb.append('\n');
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** With a default value, every event of the group is observed (a 0 when it does not match). */
  private static List<ResolvedAlarm> alarms(boolean withDefault) {
    List<ResolvedAlarm> out = new ArrayList<>();
    for (String g : List.of("/a", "/b")) {
      String app = g.substring(1);
      out.add(alarm(app, g, "obo", "\"OBO token exchange failed\"", "1", null, Statistic.Sum, 3));
      out.add(alarm(app, g, "5xx", "[level, client, dash, request=*HTTP*, status=5*, ...]", "1",
          null, Statistic.Sum, 8));
      out.add(alarm(app, g, "404", "%HTTP/1\\.1\\x22 404%", "1",
          withDefault ? 0.0 : null, Statistic.Sum, 12));
      out.add(alarm(app, g, "lat", "[kind=LAT, ms]", "$ms", null, Statistic.Maximum, 1000));
      out.add(alarm(app, g, "latsum", "[kind=LAT, ms]", "$ms", null, Statistic.Sum, 4000));
    }
    return out;
  }

  private static ResolvedAlarm alarm(String app, String group, String name, String pattern,
      String value, @Nullable Double defaultValue, Statistic statistic, double threshold) {
    MetricTransformation t = new MetricTransformation(name, "MCP", value, defaultValue, Map.of(),
        null);
    AlarmSpec spec = new AlarmSpec(app + "-" + name, null, "MCP", name, Map.of("MCP", app),
        statistic, 120, 2, 1, ComparisonOperator.GreaterThanOrEqualToThreshold, threshold,
        TreatMissingData.notBreaching, true, List.of("t"), List.of(), List.of(), null);
    return new ResolvedAlarm("prod", app, name, group,
        MetricFilter.compile(pattern, t, PatternOptions.defaults()), spec);
  }
}
