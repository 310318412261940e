package io.mcpwatch.alarm;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the history items of spec 3.8. Alarm ARNs are not known to the engine, so {@code
 * createdAlarm} has no {@code alarmArn} and action items name the action (topic) as given.
 */
public final class AlarmHistory {

  private static final String METRIC_ALARM = "MetricAlarm";
  /** {@code Alarm updated from OLD to NEW} by the states' ordinals: one instance per pair. */
  private static final String[][] STATE_UPDATE_SUMMARIES = stateUpdateSummaries();

  private AlarmHistory() {}

  /** {@code Alarm "NAME" created}, with the created alarm's configuration and initial state. */
  public static HistoryItem created(AlarmSpec spec, Instant time) {
    ObjectNode data = AwsFormats.object();
    data.put("version", "1.0");
    data.put("type", "Create");
    data.set("createdAlarm", alarmJson(spec, time, AlarmState.INSUFFICIENT_DATA));
    return new HistoryItem(spec.alarmName(), METRIC_ALARM, time,
        HistoryItem.Type.ConfigurationUpdate, "Alarm \"" + spec.alarmName() + "\" created",
        AwsFormats.write(data));
  }

  /**
   * {@code Alarm "NAME" updated}: the configuration changed, the state is kept (spec 3.1). The
   * {@code originalAlarm}/{@code updatedAlarm} keys are [INFERRED].
   */
  public static HistoryItem updated(
      AlarmSpec before, AlarmSpec after, Instant time, AlarmState current) {
    ObjectNode data = AwsFormats.object();
    data.put("version", "1.0");
    data.put("type", "Update");
    data.set("originalAlarm", alarmJson(before, time, current));
    data.set("updatedAlarm", alarmJson(after, time, current));
    return new HistoryItem(after.alarmName(), METRIC_ALARM, time,
        HistoryItem.Type.ConfigurationUpdate, "Alarm \"" + after.alarmName() + "\" updated",
        AwsFormats.write(data));
  }

  /**
   * {@code Alarm updated from OLD to NEW} with both states' value, reason and reason data. Written
   * straight to JSON text, the reason data copied in (no tree, no databind): a boundary that moves
   * 10,000 alarms writes one per transition.
   */
  public static HistoryItem stateUpdate(
      String alarmName,
      Instant time,
      AlarmState oldState,
      String oldReason,
      @Nullable String oldReasonData,
      AlarmState newState,
      String newReason,
      @Nullable String newReasonData) {
    String data;
    try {
      data = AwsFormats.json(g -> {
        g.writeStartObject();
        g.writeStringProperty("version", "1.0");
        g.writeName("oldState");
        writeState(g, oldState, oldReason, oldReasonData);
        g.writeName("newState");
        writeState(g, newState, newReason, newReasonData);
        g.writeEndObject();
      });
    } catch (NotCopied e) {
      ObjectNode tree = AwsFormats.object();
      tree.put("version", "1.0");
      tree.set("oldState", state(oldState, oldReason, oldReasonData));
      tree.set("newState", state(newState, newReason, newReasonData));
      data = AwsFormats.write(tree);
    }
    return new HistoryItem(alarmName, METRIC_ALARM, time, HistoryItem.Type.StateUpdate,
        STATE_UPDATE_SUMMARIES[oldState.ordinal()][newState.ordinal()], data);
  }

  /** Reason data that cannot be copied as it is (see {@link AwsFormats#copyObject}). */
  private static final class NotCopied extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotCopied() {
      super(null, null, false, false);
    }
  }

  private static void writeState(
      JsonGenerator g, AlarmState state, String reason, @Nullable String reasonData) {
    g.writeStartObject();
    g.writeStringProperty("stateValue", state.name());
    g.writeStringProperty("stateReason", reason);
    if (reasonData != null) {
      g.writeName("stateReasonData");
      if (!AwsFormats.copyObject(g, reasonData)) {
        throw new NotCopied();
      }
    }
    g.writeEndObject();
  }

  /**
   * An Action item: {@code Successfully executed action X} or {@code Failed to execute action X.
   * Reason: ...}; the failure's {@code error} key is [INFERRED].
   *
   * @param failureReason null when the action succeeded
   */
  public static HistoryItem action(
      String alarmName, Instant time, String action, @Nullable String failureReason) {
    ObjectNode data = AwsFormats.object();
    data.put("actionState", failureReason == null ? "Succeeded" : "Failed");
    data.put("notificationResource", action);
    String summary;
    if (failureReason == null) {
      summary = "Successfully executed action " + action;
    } else {
      data.put("error", failureReason);
      summary = "Failed to execute action " + action + ". Reason: " + failureReason;
    }
    return new HistoryItem(alarmName, METRIC_ALARM, time, HistoryItem.Type.Action, summary,
        AwsFormats.write(data));
  }

  private static String[][] stateUpdateSummaries() {
    AlarmState[] states = AlarmState.values();
    String[][] out = new String[states.length][states.length];
    for (AlarmState from : states) {
      for (AlarmState to : states) {
        out[from.ordinal()][to.ordinal()] = "Alarm updated from " + from + " to " + to;
      }
    }
    return out;
  }

  private static ObjectNode state(AlarmState state, String reason, @Nullable String reasonData) {
    ObjectNode o = AwsFormats.object();
    o.put("stateValue", state.name());
    o.put("stateReason", reason);
    if (reasonData != null) {
      o.set("stateReasonData", AwsFormats.read(reasonData));
    }
    return o;
  }

  /** The alarm configuration as AWS writes it in {@code createdAlarm} (captured key order). */
  static ObjectNode alarmJson(AlarmSpec spec, Instant time, AlarmState state) {
    String at = AwsFormats.isoTime(time.toEpochMilli());
    ObjectNode a = AwsFormats.object();
    a.put("alarmName", spec.alarmName());
    if (spec.description() != null) {
      a.put("alarmDescription", spec.description());
    }
    a.put("alarmConfigurationUpdatedTimestamp", at);
    a.put("namespace", spec.namespace());
    a.put("metricName", spec.metricName());
    a.put("statistic", spec.statistic().name());
    a.put("period", spec.periodSeconds());
    ArrayNode dims = a.putArray("dimensions");
    for (Map.Entry<String, String> d : new TreeMap<>(spec.dimensions()).entrySet()) {
      dims.addObject().put("value", d.getValue()).put("name", d.getKey());
    }
    if (spec.unit() != null) {
      a.put("unit", spec.unit());
    }
    a.put("threshold", spec.threshold());
    a.put("comparisonOperator", spec.comparison().name());
    a.put("evaluationPeriods", spec.evaluationPeriods());
    if (spec.datapointsToAlarm() != null) {
      a.put("datapointsToAlarm", spec.datapointsToAlarm());
    }
    if (spec.treatMissingData() != null) {
      a.put("treatMissingData", spec.treatMissingData().name());
    }
    a.put("stateValue", state.name());
    a.put("stateUpdatedTimestamp", at);
    a.put("actionsEnabled", spec.actionsEnabled());
    strings(a.putArray("alarmActions"), spec.alarmActions());
    strings(a.putArray("insufficientDataActions"), spec.insufficientDataActions());
    strings(a.putArray("okactions"), spec.okActions());
    return a;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
