package io.mcpwatch.alarm;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * The StateReasonData JSON of a metric alarm (spec 3.7), keys in CloudWatch's order: {@code
 * version, queryDate, startDate, unit (only when set), statistic, period, recentDatapoints,
 * threshold, evaluatedDatapoints}.
 *
 * <p>{@code recentDatapoints} lists the evaluated real values oldest first and {@code
 * evaluatedDatapoints} the evaluated entries newest first (missing ones carry only a timestamp), as
 * AWS captures show. When every datapoint is missing, {@code startDate} and {@code
 * evaluatedDatapoints} are omitted and {@code recentDatapoints} is {@code []} (as in a captured
 * all-missing reason).
 */
public final class StateReasonData {

  private StateReasonData() {}

  /**
   * The reason data of an evaluation run at {@code queryMillis}, as compact JSON text (written
   * straight to text: a boundary that moves 10,000 alarms writes one per transition).
   */
  public static String json(AlarmSpec spec, Evaluation ev, long queryMillis) {
    return AwsFormats.json(g -> write(g, spec, ev, queryMillis));
  }

  /**
   * The reason data of many evaluations with one generator ({@link AwsFormats.JsonTexts}): the
   * same texts as {@link StateReasonData#json}, without a generator per transition (a boundary
   * that moves 10,000 alarms spent most of its time creating and closing them). Not thread-safe:
   * an engine has one for its own thread.
   */
  public static final class Writer {
    private final AwsFormats.JsonTexts texts = new AwsFormats.JsonTexts();
    /**
     * The texts of evaluations without a real datapoint at {@link #memoQuery}: such a text
     * depends only on the query time, unit, statistic, period and threshold, and at a boundary
     * thousands of idle alarms of a few kinds write one each (they then share one string).
     */
    private final java.util.HashMap<NoData, String> noData = new java.util.HashMap<>();
    private long memoQuery = Long.MIN_VALUE;

    /** {@link StateReasonData#json}{@code (spec, ev, queryMillis)}. */
    public String json(AlarmSpec spec, Evaluation ev, long queryMillis) {
      for (Datapoint p : ev.evaluated()) {
        if (!p.isMissing()) {
          return texts.json(g -> write(g, spec, ev, queryMillis));
        }
      }
      if (queryMillis != memoQuery) {
        noData.clear();
        memoQuery = queryMillis;
      }
      NoData key = new NoData(spec.unit(), spec.statistic(), spec.periodSeconds(),
          spec.threshold());
      String text = noData.get(key);
      if (text == null) {
        text = texts.json(g -> write(g, spec, ev, queryMillis));
        noData.put(key, text);
      }
      return text;
    }
  }

  /** What the text of an evaluation without a real datapoint depends on, besides the time. */
  private static final class NoData {
    private final @Nullable String unit;
    private final Statistic statistic;
    private final int period;
    private final double threshold;

    NoData(@Nullable String unit, Statistic statistic, int period, double threshold) {
      this.unit = unit;
      this.statistic = statistic;
      this.period = period;
      this.threshold = threshold;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      // thresholds by their bits: the text writes -0.0 and 0.0 differently
      return o instanceof NoData k
          && statistic == k.statistic
          && period == k.period
          && Double.doubleToLongBits(threshold) == Double.doubleToLongBits(k.threshold)
          && java.util.Objects.equals(unit, k.unit);
    }

    @Override
    public int hashCode() {
      return ((java.util.Objects.hashCode(unit) * 31 + statistic.ordinal()) * 31 + period) * 31
          + Double.hashCode(threshold);
    }
  }

  private static void write(JsonGenerator g, AlarmSpec spec, Evaluation ev, long queryMillis) {
    List<Datapoint> evaluated = ev.evaluated();
    boolean anyReal = false;
    for (Datapoint p : evaluated) {
      anyReal |= !p.isMissing();
    }
    g.writeStartObject();
    g.writeStringProperty("version", "1.0");
    g.writeStringProperty("queryDate", AwsFormats.isoTime(queryMillis));
    if (anyReal) {
      long start = evaluated.get(evaluated.size() - 1).timestampMillis();
      g.writeStringProperty("startDate", AwsFormats.isoTime(start));
    }
    if (spec.unit() != null) {
      g.writeStringProperty("unit", spec.unit());
    }
    g.writeStringProperty("statistic", spec.statistic().name());
    g.writeNumberProperty("period", spec.periodSeconds());
    g.writeName("recentDatapoints");
    g.writeStartArray();
    for (int i = evaluated.size() - 1; i >= 0; i--) {
      Datapoint p = evaluated.get(i);
      if (!p.isMissing()) {
        g.writeNumber(p.value());
      }
    }
    g.writeEndArray();
    g.writeNumberProperty("threshold", spec.threshold());
    if (anyReal) {
      g.writeName("evaluatedDatapoints");
      g.writeStartArray();
      for (Datapoint p : evaluated) {
        g.writeStartObject();
        g.writeStringProperty("timestamp", AwsFormats.isoTime(p.timestampMillis()));
        if (!p.isMissing()) {
          g.writeNumberProperty("sampleCount", p.sampleCount());
          g.writeNumberProperty("value", p.value());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }
}
