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
import io.mcpwatch.pattern.MetricFilter;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.pattern.PatternOptions;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.EventReaders;
import io.mcpwatch.source.read.InputFormat;
import io.mcpwatch.source.read.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A replay whose matching runs on a second thread gives the same result as one that runs on one:
 * every transition (time, early flag, reason), minute aggregate and counter, for random JSON-lines
 * streams of several batches with late events, malformed lines and unknown log groups.
 */
class ReplayPipelineTest {
  private static final long START = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
  private static final String[] MESSAGES = {
    "INFO:     10.0.0.1:4242 - \\\"POST /mcp HTTP/1.1\\\" 200 OK",
    "INFO:     10.0.0.2:4242 - \\\"GET /x HTTP/1.1\\\" 404 Not Found",
    "INFO:     10.0.0.3:4242 - \\\"POST /mcp HTTP/1.1\\\" 500 Internal Server Error",
    "ERROR:auth:OBO token exchange failed: AADSTS50013",
    "INFO:mcp.server:Processing request of type CallToolRequest",
    "LAT 250", "LAT 1250", "LAT x",
  };

  @Test
  void run_pipelinedEqualsOneThread() {
    AtomicLong transitions = new AtomicLong();
    AtomicLong early = new AtomicLong();
    qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
      byte[] input = stream(new Random(seed));
      List<ResolvedAlarm> alarms = alarms();
      Instant from = seed % 3 == 0 ? Instant.ofEpochMilli(START + 600_000) : null;
      Instant to = seed % 3 == 0 ? Instant.ofEpochMilli(START + 3_000_000) : null;
      Replay.Result one = Replay.run(alarms, open(input), EngineOptions.defaults(), from, to,
          n -> {}, false);
      Replay.Result two = Replay.run(alarms, open(input), EngineOptions.defaults(), from, to,
          n -> {}, true);
      assertThat(two).isEqualTo(one);
      for (Replay.AlarmResult a : one.alarms()) {
        transitions.addAndGet(a.transitions().size());
        early.addAndGet(a.transitions().stream().filter(t -> t.early()).count());
      }
    });
    assertThat(transitions.get()).as("transitions").isGreaterThan(100);
    assertThat(early.get()).as("early transitions").isGreaterThan(10);
  }

  private static EventReader open(byte[] input) {
    try {
      return EventReaders.open(new ByteArrayInputStream(input), "in.jsonl",
          ReadOptions.defaults().withFormat(InputFormat.JSON_LINES).withDefaultLogGroup("/a"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 5,000 to 15,000 lines over about an hour, some late, some malformed or of another group. */
  private static byte[] stream(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = 5_000 + r.nextInt(10_000);
    long ts = START;
    for (int i = 0; i < n; i++) {
      ts += r.nextInt(r.nextInt(50) == 0 ? 120_000 : 900);
      long t = r.nextInt(30) == 0 ? ts - r.nextInt(200_000) : ts;
      int k = r.nextInt(100);
      String group = k < 45 ? "/a" : k < 90 ? "/b" : "/other";
      String message = MESSAGES[r.nextInt(MESSAGES.length)];
      if (r.nextInt(500) == 0) {
        sb.append("{\"timestamp\":oops}\n");
      } else if (r.nextBoolean()) {
        sb.append("{\"timestamp\":").append(t).append(",\"message\":\"").append(message)
            .append("\",\"logGroup\":\"").append(group).append("\"}\n");
      } else {
        sb.append("{\"timestamp\": ").append(t).append(", \"message\": \"").append(message)
            .append(group.equals("/a") ? "\"}\n" : "\", \"logGroup\": \"" + group + "\"}\n");
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<ResolvedAlarm> alarms() {
    List<ResolvedAlarm> out = new ArrayList<>();
    for (String g : List.of("/a", "/b")) {
      String app = g.substring(1);
      out.add(alarm(app, g, "obo", "\"OBO token exchange failed\"", "1", null, Statistic.Sum, 3));
      out.add(alarm(app, g, "5xx", "[level, client, dash, request=*HTTP*, status=5*, ...]", "1",
          null, Statistic.Sum, 8));
      out.add(alarm(app, g, "404", "%HTTP/1\\.1\\x22 404%", "1", 0.0, Statistic.Sum, 12));
      out.add(alarm(app, g, "lat", "[kind=LAT, ms]", "$ms", null, Statistic.Maximum, 1000));
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
