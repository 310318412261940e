package io.mcpwatch.replay;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.replay.Replay.AlarmResult;
import io.mcpwatch.replay.Replay.Result;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.metrics.MinuteAggregate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints a {@link Result}: a per-alarm timeline for people, or JSON for programs. */
public final class BacktestReport {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_MS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String BARS = "▁▂▃▄▅▆▇█";
  private static final int SPARK_WIDTH = 60;

  private BacktestReport() {}

  static String iso(Instant t) {
    return (t.toEpochMilli() % 1000 == 0 ? ISO : ISO_MS).format(t);
  }

  /** The JSON report: {@code {"summary": {...}, "alarms": [{alarmName, env, app, ...}]}}. */
  public static String json(Result result, String env) {
    ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    ObjectNode root = mapper.createObjectNode();
    ObjectNode summary = root.putObject("summary");
    Replay.Summary s = result.summary();
    summary.put("env", env);
    summary.put("from", s.start() != null ? iso(s.start()) : null);
    summary.put("to", s.end() != null ? iso(s.end()) : null);
    summary.put("eventsRead", s.eventsRead());
    summary.put("eventsReplayed", s.eventsReplayed());
    summary.put("outsideWindow", s.outsideWindow());
    summary.put("unknownLogGroup", s.engine().unknownLogGroupEvents());
    summary.put("malformed", s.reader().malformed());
    summary.put("oversized", s.reader().oversized());
    summary.put("skipped", s.reader().skipped());
    summary.put("untimed", s.reader().untimed());
    summary.put("assumedTimes", s.reader().assumedTimes());
    summary.put("outOfOrder", s.reader().outOfOrder());
    summary.put("alarmsFired", result.alarms().stream().filter(a -> a.timesFired() > 0).count());
    ArrayNode alarms = root.putArray("alarms");
    for (AlarmResult a : result.alarms()) {
      AlarmSpec spec = a.alarm().spec();
      ObjectNode o = alarms.addObject();
      o.put("alarmName", spec.alarmName());
      o.put("env", a.alarm().env());
      o.put("app", a.alarm().app());
      o.put("alarm", a.alarm().alarm());
      o.put("namespace", spec.namespace());
      o.put("metricName", spec.metricName());
      ObjectNode dims = o.putObject("dimensions");
      new TreeMap<>(spec.dimensions()).forEach(dims::put);
      o.put("matchedEvents", a.matchedEvents());
      ArrayNode minutes = o.putArray("minutes");
      for (MinuteAggregate m : a.minutes()) {
        ObjectNode mo = minutes.addObject();
        mo.put("start", iso(m.start()));
        mo.put("sum", m.sum());
        mo.put("sampleCount", m.sampleCount());
        mo.put("min", m.min());
        mo.put("max", m.max());
      }
      ArrayNode transitions = o.putArray("transitions");
      for (AlarmTransition t : a.transitions()) {
        ObjectNode to = transitions.addObject();
        to.put("time", iso(t.time()));
        to.put("oldState", t.oldState().name());
        to.put("newState", t.newState().name());
        to.put("reason", t.reason());
        to.put("early", t.early());
      }
      o.put("finalState", a.finalState().name());
      WindowStats w = WindowStats.of(spec, a.minutes());
      if (w != null) {
        ObjectNode wo = o.putObject("datapoints");
        wo.put("windows", w.windows());
        wo.put("p50", w.p50());
        wo.put("p95", w.p95());
        wo.put("p99", w.p99());
        wo.put("max", w.max());
        wo.put("breaching", w.breaching());
      }
    }
    return mapper.writeValueAsString(root);
  }

  /** The text report: a block per alarm (sparkline of the metric, transitions) and a summary. */
  public static String text(Result result, String env) {
    StringBuilder sb = new StringBuilder();
    Replay.Summary s = result.summary();
    if (s.start() == null) {
      sb.append("No events to replay for env ").append(env).append(" (")
          .append(s.eventsRead()).append(" read, ").append(s.outsideWindow())
          .append(" outside --from/--to).\n");
      return sb.toString();
    }
    sb.append(String.format(Locale.ROOT, "Backtest of env %s: %,d events replayed from %s to %s, %d alarms%n",
        env, s.eventsReplayed(), iso(s.start()), iso(s.end()), result.alarms().size()));
    long startMs = s.start().toEpochMilli();
    long endMs = s.end().toEpochMilli();
    for (AlarmResult a : result.alarms()) {
      AlarmSpec spec = a.alarm().spec();
      sb.append('\n');
      sb.append(String.format(Locale.ROOT, "%s  [%s %s %s %s per %ds%s]  matched %,d  fired %dx  now %s%n",
          spec.alarmName(), spec.metricName(), spec.statistic(), symbol(spec), num(spec.threshold()),
          spec.periodSeconds(), spec.datapointsToAlarm() != null || spec.evaluationPeriods() > 1
              ? ", " + spec.m() + " of " + spec.evaluationPeriods() : "",
          a.matchedEvents(), a.timesFired(), a.finalState()));
      if (!a.minutes().isEmpty()) {
        sb.append("  per minute  ").append(sparkline(a.minutes(), startMs, endMs)).append("  peak ")
            .append(num(peak(a.minutes()))).append('\n');
      }
      WindowStats w = WindowStats.of(spec, a.minutes());
      if (w != null) {
        sb.append(String.format(Locale.ROOT,
            "  datapoints  %,d windows with data: median %s, p95 %s, p99 %s, max %s; %,d breached %s %s%n",
            w.windows(), num(w.p50()), num(w.p95()), num(w.p99()), num(w.max()), w.breaching(),
            symbol(spec), num(spec.threshold())));
      }
      for (AlarmTransition t : a.transitions()) {
        sb.append(String.format(Locale.ROOT, "  %s  %-17s -> %-17s %s%s%n", iso(t.time()),
            t.oldState(), t.newState(), t.early() ? "(early) " : "", t.reason()));
      }
    }
    sb.append('\n');
    long fired = result.alarms().stream().filter(a -> a.timesFired() > 0).count();
    long total = result.alarms().stream().mapToLong(AlarmResult::timesFired).sum();
    sb.append(String.format(Locale.ROOT, "Summary: %d of %d alarms fired, %d ALARM transitions in total.%n",
        fired, result.alarms().size(), total));
    for (AlarmResult a : result.alarms()) {
      if (a.timesFired() > 0) {
        sb.append(String.format(Locale.ROOT, "  %-40s fired %dx%n", a.alarm().spec().alarmName(), a.timesFired()));
      }
    }
    List<String> notes = notes(s);
    for (String n : notes) {
      sb.append("note: ").append(n).append('\n');
    }
    return sb.toString();
  }

  static List<String> notes(Replay.Summary s) {
    List<String> notes = new java.util.ArrayList<>();
    if (s.engine().unknownLogGroupEvents() > 0) {
      notes.add(String.format(Locale.ROOT,
          "%,d events came from log groups no alarm of this env reads (another env, or pass --app/--log-group)",
          s.engine().unknownLogGroupEvents()));
    }
    if (s.reader().malformed() + s.reader().oversized() + s.reader().skipped() > 0) {
      notes.add(String.format(Locale.ROOT, "%,d malformed, %,d oversized and %,d skipped input lines were not replayed",
          s.reader().malformed(), s.reader().oversized(), s.reader().skipped()));
      for (String e : s.reader().firstErrors()) {
        notes.add(e);
      }
    }
    if (s.reader().outOfOrder() > 0) {
      notes.add(String.format(Locale.ROOT,
          "%,d events were out of order in their input; all were replayed in event-time order",
          s.reader().outOfOrder()));
    }
    if (s.reader().assumedTimes() > 0) {
      notes.add(String.format(Locale.ROOT,
          "the times of %,d events are assumed (--assume-start/--assume-rate), not read from the input",
          s.reader().assumedTimes()));
    }
    if (s.outsideWindow() > 0) {
      notes.add(String.format(Locale.ROOT, "%,d events were outside --from/--to", s.outsideWindow()));
    }
    return notes;
  }

  private static String symbol(AlarmSpec spec) {
    switch (spec.comparison()) {
      case GreaterThanOrEqualToThreshold:
        return ">=";
      case GreaterThanThreshold:
        return ">";
      case LessThanThreshold:
        return "<";
      default:
        return "<=";
    }
  }

  static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static double peak(List<MinuteAggregate> minutes) {
    double max = Double.NEGATIVE_INFINITY;
    for (MinuteAggregate m : minutes) {
      max = Math.max(max, m.sum());
    }
    return max;
  }

  /** Per-minute sums folded into at most {@value #SPARK_WIDTH} columns; blank = no samples. */
  static String sparkline(List<MinuteAggregate> minutes, long startMs, long endMs) {
    long span = Math.max(60_000L, endMs - startMs);
    int cols = (int) Math.min(SPARK_WIDTH, Math.max(1, span / 60_000L));
    double[] sums = new double[cols];
    boolean[] any = new boolean[cols];
    for (MinuteAggregate m : minutes) {
      long off = m.start().toEpochMilli() - startMs;
      int c = (int) Math.min(cols - 1, Math.max(0, off * cols / span));
      sums[c] += m.sum();
      any[c] = true;
    }
    double max = 0;
    for (double v : sums) {
      max = Math.max(max, Math.abs(v));
    }
    StringBuilder sb = new StringBuilder(cols);
    for (int i = 0; i < cols; i++) {
      if (!any[i]) {
        sb.append(' ');
      } else {
        int level = max == 0 ? 0 : (int) Math.round(Math.abs(sums[i]) / max * (BARS.length() - 1));
        sb.append(BARS.charAt(level));
      }
    }
    return "|" + sb + "|";
  }

}
