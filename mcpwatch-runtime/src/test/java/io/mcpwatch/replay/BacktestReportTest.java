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
import io.mcpwatch.source.read.EventReaders;
import io.mcpwatch.source.read.InputFormat;
import io.mcpwatch.source.read.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestReportTest {

  @Test
  void iso_anyInstant_sameAsTheFormatter() {
    DateTimeFormatter s =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    DateTimeFormatter ms = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);
    for (long t : new long[] {0, -1, 1, 999, 1000, -1000, -62_135_596_800_001L,
        -62_135_596_800_000L, -62_135_596_799_000L, 253_402_300_799_999L, 253_402_300_800_000L,
        253_402_300_799_000L, 1_772_409_660_000L, 1_772_409_660_021L}) {
      Instant i = Instant.ofEpochMilli(t);
      assertThat(BacktestReport.iso(i)).as("%d", t).isEqualTo((t % 1000 == 0 ? s : ms).format(i));
    }
    // years -250 to 11,500, whole seconds (most report times) and not
    qt().withExamples(20_000)
        .forAll(longs().between(-70_000_000_000_000L, 300_000_000_000_000L))
        .checkAssert(t -> {
          for (long v : new long[] {t, t - Math.floorMod(t, 1000L)}) {
            Instant i = Instant.ofEpochMilli(v);
            assertThat(BacktestReport.iso(i)).isEqualTo((v % 1000 == 0 ? s : ms).format(i));
          }
        });
  }

  @Test
  void json_toAWriter_writesTheReportAndLeavesTheWriterOpen() throws Exception {
    Replay.Result result = replay();
    boolean[] closed = {false};
    StringWriter w = new StringWriter() {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    w.write("before ");
    BacktestReport.json(result, "prod", w);
    w.write(" after");

    assertThat(closed[0]).isFalse();
    String report = BacktestReport.json(result, "prod");
    assertThat(w.toString()).isEqualTo("before " + report + " after");
    // dimensions by name, whatever their order in the spec; one dimension as it is
    assertThat(report).contains("\"dimensions\" : {\n      \"Alpha\" : \"a\",\n"
        + "      \"MCP\" : \"one\",\n      \"Zone\" : \"z\"\n    }");
    assertThat(report).contains("\"dimensions\" : {\n      \"MCP\" : \"two\"\n    }");
    assertThat(report).contains("\"alarmsFired\" : 1\n");
    assertThat(report).contains("\"time\" : \"2026-03-02T10:00:00.500Z\"", "\"to\" : \"2026-03-02T10:03:00Z\"");
  }

  private static Replay.Result replay() throws Exception {
    Map<String, String> dims = new LinkedHashMap<>();
    dims.put("Zone", "z");
    dims.put("MCP", "one");
    dims.put("Alpha", "a");
    List<ResolvedAlarm> alarms = List.of(alarm("one", dims, 1), alarm("two", Map.of("MCP", "two"), 5));
    String lines = "{\"timestamp\":1772445600500,\"message\":\"ERROR x\"}\n"
        + "{\"timestamp\":1772445630000,\"message\":\"INFO y\"}\n"
        + "{\"timestamp\":1772445750250,\"message\":\"ERROR z\"}\n";
    return Replay.run(alarms, EventReaders.open(
            new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), "in.jsonl",
            ReadOptions.defaults().withFormat(InputFormat.JSON_LINES).withDefaultLogGroup("/g")),
        EngineOptions.defaults().withRetainAll(true).withHistory(false), null, null, n -> {}, false);
  }

  private static ResolvedAlarm alarm(String name, Map<String, String> dims, double threshold) {
    MetricTransformation t = new MetricTransformation(name, "MCP", "1", null, Map.of(), null);
    AlarmSpec spec = new AlarmSpec(name, null, "MCP", name, dims, Statistic.Sum, 60, 1, null,
        ComparisonOperator.GreaterThanOrEqualToThreshold, threshold, TreatMissingData.notBreaching,
        true, List.of("t"), List.of(), List.of(), null);
    return new ResolvedAlarm("prod", name, name, "/g",
        MetricFilter.compile("ERROR", t, PatternOptions.defaults()), spec);
  }
}
