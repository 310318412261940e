package io.mcpwatch.bench;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.Engine;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.pattern.MetricFilter;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.pattern.PatternOptions;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine creation for a fleet of apps with the four ADR alarms each (apps = alarms / 4, one log
 * group per app): the cost of {@code Engine.create} alone, the filters already compiled (as
 * after loading a configuration). One op = one engine.
 *
 * <p>Run: {@code java -jar mcpwatch-bench/target/benchmarks.jar EngineCreationBench -f 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineCreationBench {

  @Param({"10", "100", "1000", "10000", "100000"})
  public int alarms;

  List<ResolvedAlarm> resolved;
  final InstantSource clock = InstantSource.fixed(Instant.parse("2024-05-01T10:00:00Z"));

  @Setup
  public void setup() {
    resolved = fleet(alarms);
  }

  @Benchmark
  public Engine create() {
    return Engine.create(resolved, EngineOptions.defaults(), clock, t -> {});
  }

  /** {@code n} alarms: the ADR's four per app, apps {@code app0 …}, each on {@code /mcp/<app>}. */
  static List<ResolvedAlarm> fleet(int n) {
    String[][] adr = {
      {"obo-failures", "\"OBO token exchange failed\"", "OboFailures", "5"},
      {"errors", "[level=\"ERROR:*\" || level=\"CRITICAL:*\", ...]", "Errors", "10"},
      {"http-4xx", "[level, client, dash, request=*HTTP*, status=4*, ...]", "Http4xx", "50"},
      {"http-5xx", "[level, client, dash, request=*HTTP*, status=5*, ...]", "Http5xx", "5"},
    };
    List<ResolvedAlarm> out = new ArrayList<>(n);
    for (int i = 0; out.size() < n; i++) {
      String app = "app" + i;
      for (int k = 0; k < adr.length && out.size() < n; k++) {
        String[] a = adr[k];
        MetricTransformation t =
            new MetricTransformation(a[2], "MCP/Security", "1", null, Map.of(), null);
        AlarmSpec spec = new AlarmSpec(app + "-" + a[0], null, "MCP/Security", a[2], Map.of("MCP", app),
            Statistic.Sum, 300, 1, null, ComparisonOperator.GreaterThanOrEqualToThreshold,
            Double.parseDouble(a[3]), TreatMissingData.notBreaching, true, List.of("oncall"),
            List.of(), List.of(), null);
        out.add(new ResolvedAlarm("prod", app, a[0], "/mcp/" + app,
            MetricFilter.compile(a[1], t, PatternOptions.defaults()), spec));
      }
    }
    return out;
  }
}
