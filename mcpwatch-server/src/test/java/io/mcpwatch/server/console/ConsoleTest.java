package io.mcpwatch.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.notify.TriggerLine;
import io.mcpwatch.readmodel.AlarmSummary;
import io.mcpwatch.readmodel.Delivery;
import io.mcpwatch.readmodel.HistoryEntry;
import io.mcpwatch.server.web.Answer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:30:00Z");
  private static final String HOSTILE = "x\"><img src=x onerror=alert(1)>";

  private final FakeReadModel model = new FakeReadModel();
  private final Console console = new Console(model, "/alarms/", InstantSource.fixed(NOW));

  private static Map<String, List<String>> q(String... kv) {
    Map<String, List<String>> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], List.of(kv[i + 1]));
    }
    return m;
  }

  @Test
  void overview_tenThousandAlarms_showsOnePageAlarmFirstWithCountsAndStaysSmall() {
    for (int i = 0; i < 10_000; i++) {
      AlarmState st = i % 2500 == 7 ? AlarmState.ALARM : AlarmState.OK;
      model.alarms.add(
          FakeReadModel.alarm(i % 2 == 0 ? "prod" : "dev", String.format("a-%05d", i), st, 5,
              NOW.minusSeconds(600)));
    }
    Answer a = console.overview(Map.of());
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).contains("4 ALARM").contains("9996 OK").contains("1&ndash;50 of 10000");
    assertThat(a.body().length()).isLessThan(150_000);
    int first = a.body().indexOf("data-alarm=");
    assertThat(a.body().substring(first, first + 40)).contains("a-00007");
    assertThat(model.datapointQueries).isEqualTo(50); // sparklines for the page only

    Answer dev = console.overview(q("env", "dev", "state", "ALARM", "q", "A-0", "offset", "0"));
    assertThat(dev.body()).contains("4 ALARM").contains("1&ndash;4 of 4");
    Answer next = console.overview(q("offset", "50"));
    assertThat(next.body()).contains("51&ndash;100 of 10000").contains("previous");
    assertThat(console.overview(q("state", "RED")).status()).isEqualTo(400);
    assertThat(console.overview(q("limit", "100000")).status()).isEqualTo(400);
  }

  @Test
  void pages_hostileNamesReasonsAndLines_areEscapedEverywhere() {
    AlarmSummary a = FakeReadModel.alarm("prod<b>", HOSTILE, AlarmState.ALARM, 1, NOW);
    model.alarms.add(a);
    model.lines.put(HOSTILE, List.of(new TriggerLine(NOW, "<script>alert(2)</script>")));
    model.history.put(
        HOSTILE,
        List.of(
            new HistoryEntry(
                new HistoryItem(HOSTILE, "MetricAlarm", NOW, HistoryItem.Type.StateUpdate,
                    "Alarm updated from OK to ALARM", "{}"),
                List.of(new Delivery("https", "https://h.example/<i>", NOW, "FAILED", 3,
                    "HTTP 500 <html>")))));
    for (Answer ans :
        List.of(
            console.overview(Map.of()),
            console.overview(q("part", "live", "q", HOSTILE)),
            console.alarm(HOSTILE, Map.of()),
            console.alarm(HOSTILE, q("part", "live")),
            console.testPattern(HOSTILE, "<svg onload=alert(3)>"),
            console.testPatternPage(q("alarm", HOSTILE)))) {
      assertThat(ans.status()).isEqualTo(200);
      assertThat(ans.body())
          .doesNotContain("<img", "<script>alert", "<svg onload", "<i>", "<html>", "prod<b>");
      assertThat(ans.headers().get("Content-Security-Policy"))
          .isEqualTo(Console.CSP)
          .doesNotContain("unsafe-inline");
    }
    assertThat(console.alarm(HOSTILE, Map.of()).body())
        .contains("&lt;script&gt;alert(2)&lt;/script&gt;")
        .contains("FAILED</b> after 3 attempts")
        .contains("HTTP 500 &lt;html&gt;");
    assertThat(console.alarm("nope", Map.of()).status()).isEqualTo(404);
  }

  @Test
  void series_isTheStatisticPerPeriodWithThresholdAndAlarmIntervals() {
    AlarmSummary a = FakeReadModel.alarm("prod", "x", AlarmState.ALARM, 5,
        NOW.minusSeconds(600));
    model.alarms.add(a);
    model.minutes.put(
        a.metric(),
        List.of(
            new MinuteAggregate(NOW.minusSeconds(1200), 2, 2, 1, 1),
            new MinuteAggregate(NOW.minusSeconds(600), 7, 3, 1, 4)));
    model.history.put(
        "x",
        List.of( // newest first
            entry(NOW.minusSeconds(600), "Alarm updated from OK to ALARM"),
            entry(NOW.minusSeconds(900), "Alarm updated from ALARM to OK"),
            entry(NOW.minusSeconds(1000), "Alarm updated from OK to ALARM")));
    Answer s = console.series(q("alarm", "x", "env", "prod", "range", "3h"));
    assertThat(s.status()).isEqualTo(200);
    long now = NOW.getEpochSecond();
    assertThat(s.body())
        .isEqualTo("{\"statistic\":\"Sum\",\"period\":60,\"threshold\":5.0,\"from\":"
            + (now - 3 * 3600) + ",\"to\":" + now + ",\"t\":[" + (now - 1200) + ","
            + (now - 600) + "],\"v\":[2.0,7.0],\"alarm\":[[" + (now - 1000) + "," + (now - 900)
            + "],[" + (now - 600) + "," + now + "]]}");
    assertThat(console.series(q("alarm", "none")).status()).isEqualTo(404);
  }

  @Test
  void testPattern_showsTheMatchesOfTheCoreCall() {
    Answer a =
        console.testPattern("[ip, user, status=5*]", "1.2.3.4 bob 503\n1.2.3.4 eve 200\nx y 500\n");
    assertThat(a.body()).contains("2 of 3 events matched").contains("$status = 503")
        .contains("$user = bob");
    assertThat(console.testPattern("[unclosed", "x").body()).contains("id=\"pattern-error\"");
  }

  @Test
  void asset_servesUplotFromTheJarAndNothingElse() {
    Answer js = console.asset("uPlot.iife.min.js");
    assertThat(js.status()).isEqualTo(200);
    assertThat(js.contentType()).startsWith("text/javascript");
    assertThat(js.body()).contains("uPlot");
    assertThat(console.asset("console.js").body()).contains("EventSource");
    assertThat(console.asset("../../etc/passwd").status()).isEqualTo(404);
  }

  private static HistoryEntry entry(Instant t, String summary) {
    return new HistoryEntry(
        new HistoryItem("x", "MetricAlarm", t, HistoryItem.Type.StateUpdate, summary, "{}"),
        List.of());
  }
}
