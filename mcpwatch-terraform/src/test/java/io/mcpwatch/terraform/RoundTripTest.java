package io.mcpwatch.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.replay.BacktestReport;
import io.mcpwatch.replay.Replay;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.EventReaders;
import io.mcpwatch.source.read.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export terraform, then import terraform: the same alarms (names, log groups, patterns, periods,
 * thresholds, missing data, actions) and the same backtest. The one intended difference is the
 * metric identity: mcpwatch's static dimension MCP = {app} becomes the app in the metric name.
 */
class RoundTripTest {
  @TempDir Path dir;

  /** A hand-written configuration: overrides, a disabled combination, an app in one env only. */
  static final String HAND_WRITTEN =
      "namespace: Shop/Alarms\n"
          + "logGroup: /shop/{env}/{app}\n"
          + "alarmName: '{env}.{app}.{alarm}'\n"
          + "environments:\n"
          + "  staging: { topic: shop-staging, subscribers: [{ email: dev@example.com }] }\n"
          + "  live: { topic: shop-live, subscribers: [{ email: ops@example.com }, { https: 'https://hooks.example.com/x' }] }\n"
          + "apps: [cart, { name: search, environments: [live] }]\n"
          + "defaults: { dimensions: null, period: 60, treatMissingData: ignore }\n"
          + "alarms:\n"
          + "  slow:\n"
          + "    metric: Latency\n"
          + "    pattern: '{ $.latency > 500 }'\n"
          + "    metricValue: $.latency\n"
          + "    statistic: Maximum\n"
          + "    threshold: 2000\n"
          + "    comparison: GreaterThanThreshold\n"
          + "    evaluationPeriods: 3\n"
          + "    datapointsToAlarm: 2\n"
          + "  errors:\n"
          + "    metric: '{app}-Errors'\n"
          + "    pattern: '{ $.level = \"error\" }'\n"
          + "    threshold: 3\n"
          + "    okActions: []\n"
          + "overrides:\n"
          + "  - { env: live, app: cart, alarm: errors, threshold: 10 }\n"
          + "  - { env: staging, app: cart, alarm: slow, enabled: false }\n";

  @Test
  void exportThenImport_initTemplate_sameAlarmsAndBacktest() throws Exception {
    roundTrip(ConfigFiles.initTemplate(), "prod", "teams");
  }

  @Test
  void exportThenImport_handWritten_sameAlarmsAndBacktest() throws Exception {
    roundTrip(HAND_WRITTEN, "live", "cart");
  }

  private void roundTrip(String yaml, String env, String app) throws Exception {
    ConfigCheck original = ConfigFiles.check("original.yaml", yaml, Map.of());
    assertThat(original.errors()).isEmpty();
    List<ResolvedAlarm> a = original.resolution().alarms();

    TerraformExport.Files tf = TerraformExport.render(original.config(), a, "original.yaml");
    Path out = dir.resolve("tf");
    tf.write(out);
    List<String> roots = new ArrayList<>();
    for (String e : tf.files().keySet()) {
      if (e.startsWith("envs/")) {
        roots.add(out.resolve(e).getParent().toString());
      }
    }
    ImportedConfig imported = TerraformImport.load(roots, List.of(), List.of());
    ConfigCheck back = ConfigFiles.check("imported.yaml", imported.yaml(), Map.of());
    assertThat(back.errors()).as(imported.yaml()).isEmpty();
    List<ResolvedAlarm> b = back.resolution().alarms();

    assertThat(describe(b, false)).isEqualTo(describe(a, false));
    for (ResolvedAlarm x : b) {
      assertThat(x.spec().dimensions()).isEmpty();
    }

    // a second round trip changes nothing at all, metric names included
    TerraformExport.Files tf2 = TerraformExport.render(back.config(), b, "original.yaml");
    // (but for the note on static dimensions, which the exported configuration no longer has)
    Map<String, String> first = new java.util.LinkedHashMap<>();
    tf.files().forEach((k, v) -> first.put(k, v.replaceAll("(?m)^# - static dimensions.*\n", "")));
    assertThat(tf2.files()).isEqualTo(first);

    // the same backtest, but for the metric's identity
    Path log = dir.resolve("events.jsonl");
    writeLog(log, a);
    String ja = backtest(a, log, env);
    String jb = backtest(b, log, env);
    assertThat(jb).contains("\"alarmsFired\" : ").doesNotContain("\"alarmsFired\" : 0,");
    assertThat(withoutIdentity(jb)).isEqualTo(withoutIdentity(ja));
    assertThat(jb).contains("\"metricName\" : \"" + app + "-");
  }

  /** Everything that defines an alarm, in a comparable text. */
  static List<String> describe(List<ResolvedAlarm> alarms, boolean identity) {
    return alarms.stream()
        .map(
            x ->
                String.join(
                    " | ",
                    x.env(),
                    x.app(),
                    x.spec().alarmName(),
                    x.logGroup(),
                    x.filter().pattern().text(),
                    x.filter().transformation().metricValue(),
                    String.valueOf(x.filter().transformation().defaultValue()),
                    x.spec().namespace(),
                    identity ? x.spec().metricName() : "",
                    String.valueOf(x.spec().description()),
                    x.spec().statistic().name(),
                    String.valueOf(x.spec().periodSeconds()),
                    String.valueOf(x.spec().evaluationPeriods()),
                    String.valueOf(x.spec().datapointsToAlarm()),
                    x.spec().comparison().name(),
                    String.valueOf(x.spec().threshold()),
                    String.valueOf(x.spec().treatMissingData()),
                    String.valueOf(x.spec().actionsEnabled()),
                    x.spec().alarmActions().toString(),
                    x.spec().okActions().toString(),
                    x.spec().insufficientDataActions().toString()))
        .sorted()
        .collect(Collectors.toList());
  }

  static String withoutIdentity(String json) {
    return json.replaceAll("\"metricName\" : \"[^\"]*\"", "\"metricName\" : _")
        .replaceAll("(?s)\"dimensions\" : \\{[^}]*\\}", "\"dimensions\" : _");
  }

  static String backtest(List<ResolvedAlarm> alarms, Path log, String env) throws IOException {
    List<ResolvedAlarm> inEnv =
        alarms.stream().filter(x -> x.env().equals(env)).collect(Collectors.toList());
    try (EventReader reader = EventReaders.open(log, ReadOptions.defaults())) {
      Replay.Result r =
          Replay.run(
              inEnv,
              reader,
              EngineOptions.defaults().withRetainAll(true).withHistory(false),
              null,
              null,
              n -> {});
      return BacktestReport.json(r, env);
    }
  }

  /** 40 minutes of lines for every log group: errors, access lines, auth failures, latencies. */
  static void writeLog(Path log, List<ResolvedAlarm> alarms) throws IOException {
    Random rnd = new Random(7);
    List<String> groups =
        alarms.stream().map(ResolvedAlarm::logGroup).distinct().sorted().collect(Collectors.toList());
    String[] messages = {
      "ERROR:root:upstream failed",
      "INFO:     10.0.1.23:51234 - \\\"POST /mcp HTTP/1.1\\\" 422 Unprocessable Entity",
      "INFO:     10.0.1.23:51234 - \\\"POST /mcp HTTP/1.1\\\" 503 Service Unavailable",
      "ERROR:app.auth:OBO token exchange failed: invalid_grant",
      "{\\\"level\\\":\\\"error\\\",\\\"latency\\\":2600}",
      "{\\\"level\\\":\\\"info\\\",\\\"latency\\\":120}",
      "INFO:     10.0.1.23:51234 - \\\"GET /health HTTP/1.1\\\" 200 OK"
    };
    StringBuilder sb = new StringBuilder();
    long start = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    for (long t = 0; t < 40 * 60_000L; t += 1_000) {
      boolean burst = (t / 60_000) % 10 >= 6; // 4 busy minutes in every 10
      for (String g : groups) {
        if (burst || rnd.nextInt(20) == 0) {
          String m = messages[rnd.nextInt(messages.length)];
          sb.append("{\"timestamp\":")
              .append(start + t)
              .append(",\"message\":\"")
              .append(m)
              .append("\",\"logGroup\":\"")
              .append(g)
              .append("\"}\n");
        }
      }
    }
    Files.writeString(log, sb.toString());
  }
}
