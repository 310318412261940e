package io.mcpwatch.bench;

import io.mcpwatch.pattern.FilterPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The four ADR-0003 alarms (with the corrected 4xx/5xx and ERROR patterns that {@code mcpwatch
 * init} writes) matched against a realistic mix of uvicorn access lines and Python log lines. One
 * operation = one log line checked against all four patterns; the score is lines per second.
 *
 * <p>Run: {@code java -jar mcpwatch-bench/target/benchmarks.jar AdrPatternsBench -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AdrPatternsBench {
  static final int LINES = 4096;

  /** The patterns of the generated config: auth failures, errors, 4xx, 5xx. */
  static final String[] PATTERNS = {
    "\"OBO token exchange failed\"",
    "[level=\"ERROR:*\" || level=\"CRITICAL:*\", ...]",
    "[level, client, dash, request=*HTTP*, status=4*, ...]",
    "[level, client, dash, request=*HTTP*, status=5*, ...]",
  };

  FilterPattern[] patterns;
  String[] lines;

  @Setup
  public void setup() {
    patterns = new FilterPattern[PATTERNS.length];
    for (int i = 0; i < PATTERNS.length; i++) {
      patterns[i] = FilterPattern.compile(PATTERNS[i]);
    }
    lines = realisticLines(new Random(42), LINES).toArray(new String[0]);
  }

  /** A mix close to a busy MCP server: mostly 200s, some 4xx/5xx, app INFO/ERROR lines, OBO failures. */
  static List<String> realisticLines(Random rnd, int n) {
    String[] paths = {"/mcp", "/mcp/tools/list", "/health", "/mcp/messages", "/.well-known/oauth"};
    String[] methods = {"POST", "GET", "POST", "POST", "GET"};
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int r = rnd.nextInt(100);
      String ip = "10.0." + rnd.nextInt(4) + "." + (1 + rnd.nextInt(250)) + ":" + (30000 + rnd.nextInt(30000));
      int p = rnd.nextInt(paths.length);
      if (r < 70) {
        out.add("INFO:     " + ip + " - \"" + methods[p] + " " + paths[p] + " HTTP/1.1\" 200 OK");
      } else if (r < 78) {
        out.add("INFO:     " + ip + " - \"GET /admin/" + rnd.nextInt(999) + " HTTP/1.1\" 404 Not Found");
      } else if (r < 81) {
        out.add("INFO:     " + ip + " - \"POST /mcp HTTP/1.1\" 422 Unprocessable Entity");
      } else if (r < 83) {
        out.add("INFO:     " + ip + " - \"POST /mcp HTTP/1.1\" 500 Internal Server Error");
      } else if (r < 93) {
        out.add("INFO:mcp.server:Processing request of type CallToolRequest tool=search_documents id=" + rnd.nextInt(1_000_000));
      } else if (r < 96) {
        out.add("INFO:mcp.server.ratelimit:ERROR_RATE_LIMIT threshold is 120 req/min for tenant " + rnd.nextInt(50));
      } else if (r < 98) {
        out.add("ERROR:auth:OBO token exchange failed: AADSTS50013: Assertion failed signature validation. Trace ID: "
            + Integer.toHexString(rnd.nextInt()));
      } else {
        out.add("ERROR:    Exception in ASGI application");
      }
    }
    return out;
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void fourAdrPatterns(Blackhole bh) {
    FilterPattern[] ps = patterns;
    for (String line : lines) {
      for (FilterPattern p : ps) {
        bh.consume(p.matches(line));
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void termPatternOnly(Blackhole bh) {
    FilterPattern p = patterns[0];
    for (String line : lines) {
      bh.consume(p.matches(line));
    }
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void delimited4xxOnly(Blackhole bh) {
    FilterPattern p = patterns[2];
    for (String line : lines) {
      bh.consume(p.matches(line));
    }
  }
}
