package io.mcpwatch.replay;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AwsFormats;
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
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;

/** Prints a {@link Result}: a per-alarm timeline for people, or JSON for programs. */
public final class BacktestReport {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_MS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String BARS = "▁▂▃▄▅▆▇█";
  private static final int SPARK_WIDTH = 60;

  private BacktestReport() {}

  /** 0001-01-01T00:00:00Z: before it {@code yyyy} (year of era) differs from the year. */
  private static final long FAST_FROM = -62_135_596_800_000L;

  /**
   * {@code 2026-03-02T00:03:00Z}, or with milliseconds when there are any. Years 1 to 9999 are
   * written digit by digit ({@link AwsFormats#isoDigits}; a report of 10,000 alarms writes a time per
   * transition and minute), others through the formatter (the same text).
   */
  static String iso(Instant t) {
    long ms = t.toEpochMilli();
    byte[] b = new byte[24];
    if (ms < FAST_FROM || !AwsFormats.isoDigits(ms, b)) {
      return (ms % 1000 == 0 ? ISO : ISO_MS).format(t);
    }
    if (ms % 1000 == 0) {
      b[19] = 'Z';
      return new String(b, 0, 20, java.nio.charset.StandardCharsets.US_ASCII);
    }
    b[23] = 'Z';
    return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * Writes through jackson-core only: a databind mapper would load some 400 classes per run. The
   * generator leaves the writer open: {@link #json(Result, String, Writer)} writes into the
   * caller's (standard output).
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  /** Indented as databind's {@code INDENT_OUTPUT} indents (its default pretty printer). */
  private static final ObjectWriteContext PRETTY = new ObjectWriteContext.Base() {
    @Override
    public PrettyPrinter getPrettyPrinter() {
      return new DefaultPrettyPrinter();
    }
  };

  /** The JSON report: {@code {"summary": {...}, "alarms": [{alarmName, env, app, ...}]}}. */
  public static String json(Result result, String env) {
    StringWriter out = new StringWriter();
    json(result, env, out);
    return out.toString();
  }

  /**
   * One alarm of {@link #json(Result, String, Writer)}: a method of its own, so that the JIT
   * compiles it after a few hundred alarms instead of interpreting every one of 10,000.
   */
  private static void alarm(JsonGenerator g, AlarmResult a) {
    AlarmSpec spec = a.alarm().spec();
    g.writeStartObject();
    g.writeStringProperty("alarmName", spec.alarmName());
    g.writeStringProperty("env", a.alarm().env());
    g.writeStringProperty("app", a.alarm().app());
    g.writeStringProperty("alarm", a.alarm().alarm());
    g.writeStringProperty("namespace", spec.namespace());
    g.writeStringProperty("metricName", spec.metricName());
    g.writeName("dimensions");
    g.writeStartObject();
    Map<String, String> dims = spec.dimensions();
    // by name (one dimension, as most alarms have, is in order already)
    for (Map.Entry<String, String> d
        : (dims.size() > 1 ? new TreeMap<>(dims) : dims).entrySet()) {
      g.writeStringProperty(d.getKey(), d.getValue());
    }
    g.writeEndObject();
    g.writeNumberProperty("matchedEvents", a.matchedEvents());
    g.writeName("minutes");
    g.writeStartArray();
    for (MinuteAggregate m : a.minutes()) {
      g.writeStartObject();
      g.writeStringProperty("start", iso(m.start()));
      g.writeNumberProperty("sum", m.sum());
      g.writeNumberProperty("sampleCount", m.sampleCount());
      g.writeNumberProperty("min", m.min());
      g.writeNumberProperty("max", m.max());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeName("transitions");
    g.writeStartArray();
    for (AlarmTransition t : a.transitions()) {
      g.writeStartObject();
      g.writeStringProperty("time", iso(t.time()));
      g.writeStringProperty("oldState", t.oldState().name());
      g.writeStringProperty("newState", t.newState().name());
      g.writeStringProperty("reason", t.reason());
      g.writeBooleanProperty("early", t.early());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringProperty("finalState", a.finalState().name());
    WindowStats w = WindowStats.of(spec, a.minutes());
    if (w != null) {
      g.writeName("datapoints");
      g.writeStartObject();
      g.writeNumberProperty("windows", w.windows());
      g.writeNumberProperty("p50", w.p50());
      g.writeNumberProperty("p95", w.p95());
      g.writeNumberProperty("p99", w.p99());
      g.writeNumberProperty("max", w.max());
      g.writeNumberProperty("breaching", w.breaching());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /**
   * Writes {@link #json(Result, String)} to {@code out} as it goes (a report of 10,000 alarms is
   * some 6 MB: held whole, it was copied three times on its way out), and flushes it; {@code out}
   * stays open.
   *
   * @throws java.io.UncheckedIOException when {@code out} fails
   */
  public static void json(Result result, String env, Writer out) {
    try (JsonGenerator g = FACTORY.createGenerator(PRETTY, out)) {
      g.writeStartObject();
      g.writeName("summary");
      g.writeStartObject();
      Replay.Summary s = result.summary();
      g.writeStringProperty("env", env);
      g.writeStringProperty("from", s.start() != null ? iso(s.start()) : null);
      g.writeStringProperty("to", s.end() != null ? iso(s.end()) : null);
      g.writeNumberProperty("eventsRead", s.eventsRead());
      g.writeNumberProperty("eventsReplayed", s.eventsReplayed());
      g.writeNumberProperty("outsideWindow", s.outsideWindow());
      g.writeNumberProperty("unknownLogGroup", s.engine().unknownLogGroupEvents());
      g.writeNumberProperty("malformed", s.reader().malformed());
      g.writeNumberProperty("oversized", s.reader().oversized());
      g.writeNumberProperty("skipped", s.reader().skipped());
      g.writeNumberProperty("untimed", s.reader().untimed());
      g.writeNumberProperty("assumedTimes", s.reader().assumedTimes());
      g.writeNumberProperty("outOfOrder", s.reader().outOfOrder());
      long fired = 0;
      for (AlarmResult a : result.alarms()) {
        fired += a.timesFired() > 0 ? 1 : 0;
      }
      g.writeNumberProperty("alarmsFired", fired);
      g.writeEndObject();
      g.writeName("alarms");
      g.writeStartArray();
      for (AlarmResult a : result.alarms()) {
        alarm(g, a);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (JacksonIOException e) {
      IOException cause = e.getCause();
      throw new UncheckedIOException(cause != null ? cause : new IOException(e.getMessage(), e));
    }
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
