package io.mcpwatch.alarm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
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

  /**
   * {@code Alarm "NAME" created}, with the created alarm's configuration and initial state. Written
   * straight to JSON text (no tree): an engine of 10,000 alarms creates one per alarm at start-up.
   */
  public static HistoryItem created(AlarmSpec spec, Instant time) {
    return created(List.of(spec), time).get(0);
  }

  /** {@link #created(AlarmSpec, Instant)} of each of {@code specs} (an engine's start-up). */
  public static List<HistoryItem> created(List<AlarmSpec> specs, Instant time) {
    String at = AwsFormats.isoTime(time.toEpochMilli());
    List<String> data = AwsFormats.jsonEach(specs, (g, spec) -> {
      g.writeStartObject();
      g.writeStringProperty("version", "1.0");
      g.writeStringProperty("type", "Create");
      g.writeName("createdAlarm");
      writeAlarm(g, spec, at, AlarmState.INSUFFICIENT_DATA);
      g.writeEndObject();
    });
    List<HistoryItem> out = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      AlarmSpec spec = specs.get(i);
      out.add(new HistoryItem(spec.alarmName(), METRIC_ALARM, time,
          HistoryItem.Type.ConfigurationUpdate, "Alarm \"" + spec.alarmName() + "\" created",
          data.get(i)));
    }
    return out;
  }

  /**
   * {@code Alarm "NAME" updated}: the configuration changed, the state is kept (spec 3.1). The
   * {@code originalAlarm}/{@code updatedAlarm} keys are [INFERRED].
   */
  public static HistoryItem updated(
      AlarmSpec before, AlarmSpec after, Instant time, AlarmState current) {
    String at = AwsFormats.isoTime(time.toEpochMilli());
    String data = AwsFormats.json(g -> {
      g.writeStartObject();
      g.writeStringProperty("version", "1.0");
      g.writeStringProperty("type", "Update");
      g.writeName("originalAlarm");
      writeAlarm(g, before, at, current);
      g.writeName("updatedAlarm");
      writeAlarm(g, after, at, current);
      g.writeEndObject();
    });
    return new HistoryItem(after.alarmName(), METRIC_ALARM, time,
        HistoryItem.Type.ConfigurationUpdate, "Alarm \"" + after.alarmName() + "\" updated", data);
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

  /**
   * Reason data that cannot be copied as it is (see {@link AwsFormats#copyObject}): the text written
   * so far is discarded and the item is built through the tree.
   */
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

  /**
   * The alarm configuration as AWS writes it in {@code createdAlarm} (captured key order);
   * {@code at} is both timestamps, as {@link AwsFormats#isoTime}.
   */
  private static void writeAlarm(JsonGenerator g, AlarmSpec spec, String at, AlarmState state) {
    g.writeStartObject();
    g.writeStringProperty("alarmName", spec.alarmName());
    if (spec.description() != null) {
      g.writeStringProperty("alarmDescription", spec.description());
    }
    g.writeStringProperty("alarmConfigurationUpdatedTimestamp", at);
    g.writeStringProperty("namespace", spec.namespace());
    g.writeStringProperty("metricName", spec.metricName());
    g.writeStringProperty("statistic", spec.statistic().name());
    g.writeNumberProperty("period", spec.periodSeconds());
    g.writeArrayPropertyStart("dimensions");
    Map<String, String> dims = spec.dimensions();
    if (!dims.isEmpty()) {
      for (Map.Entry<String, String> d : (dims.size() == 1 ? dims : new TreeMap<>(dims))
          .entrySet()) {
        g.writeStartObject();
        g.writeStringProperty("value", d.getValue());
        g.writeStringProperty("name", d.getKey());
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    if (spec.unit() != null) {
      g.writeStringProperty("unit", spec.unit());
    }
    g.writeNumberProperty("threshold", spec.threshold());
    g.writeStringProperty("comparisonOperator", spec.comparison().name());
    g.writeNumberProperty("evaluationPeriods", spec.evaluationPeriods());
    if (spec.datapointsToAlarm() != null) {
      g.writeNumberProperty("datapointsToAlarm", spec.datapointsToAlarm().intValue());
    }
    if (spec.treatMissingData() != null) {
      g.writeStringProperty("treatMissingData", spec.treatMissingData().name());
    }
    g.writeStringProperty("stateValue", state.name());
    g.writeStringProperty("stateUpdatedTimestamp", at);
    g.writeBooleanProperty("actionsEnabled", spec.actionsEnabled());
    strings(g, "alarmActions", spec.alarmActions());
    strings(g, "insufficientDataActions", spec.insufficientDataActions());
    strings(g, "okactions", spec.okActions());
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String name, List<String> values) {
    g.writeArrayPropertyStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
