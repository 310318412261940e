package io.mcpwatch.alarm;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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

  /** The reason data of an evaluation run at {@code queryMillis}. */
  public static ObjectNode of(AlarmSpec spec, Evaluation ev, long queryMillis) {
    ObjectNode o = AwsFormats.object();
    o.put("version", "1.0");
    o.put("queryDate", AwsFormats.isoTime(queryMillis));
    boolean anyReal = ev.evaluated().stream().anyMatch(p -> !p.isMissing());
    if (anyReal) {
      long start = ev.evaluated().get(ev.evaluated().size() - 1).timestampMillis();
      o.put("startDate", AwsFormats.isoTime(start));
    }
    if (spec.unit() != null) {
      o.put("unit", spec.unit());
    }
    o.put("statistic", spec.statistic().name());
    o.put("period", spec.periodSeconds());
    ArrayNode recent = o.putArray("recentDatapoints");
    for (int i = ev.evaluated().size() - 1; i >= 0; i--) {
      Datapoint p = ev.evaluated().get(i);
      if (!p.isMissing()) {
        recent.add(p.value());
      }
    }
    o.put("threshold", spec.threshold());
    if (anyReal) {
      ArrayNode evaluated = o.putArray("evaluatedDatapoints");
      for (Datapoint p : ev.evaluated()) {
        ObjectNode e = evaluated.addObject();
        e.put("timestamp", AwsFormats.isoTime(p.timestampMillis()));
        if (!p.isMissing()) {
          e.put("sampleCount", p.sampleCount());
          e.put("value", p.value());
        }
      }
    }
    return o;
  }
}
