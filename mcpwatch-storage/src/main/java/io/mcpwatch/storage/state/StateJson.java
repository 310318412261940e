package io.mcpwatch.storage.state;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.metrics.MetricKey;
import io.mcpwatch.source.tail.FileCheckpoint;
import io.mcpwatch.source.tail.PossibleGaps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON columns: alarm specs, file checkpoint lists, series keys and dimension maps. Written
 * explicitly (not by reflection) so the stored format only changes with a migration.
 */
final class StateJson {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private StateJson() {}

  // ------------------------------------------------------------------ alarm spec

  static String spec(AlarmSpec s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("alarmName", s.alarmName());
    if (s.description() != null) {
      o.put("description", s.description());
    }
    o.put("namespace", s.namespace());
    o.put("metricName", s.metricName());
    o.set("dimensions", map(s.dimensions()));
    o.put("statistic", s.statistic().name());
    o.put("periodSeconds", s.periodSeconds());
    o.put("evaluationPeriods", s.evaluationPeriods());
    if (s.datapointsToAlarm() != null) {
      o.put("datapointsToAlarm", s.datapointsToAlarm().intValue());
    }
    o.put("comparison", s.comparison().name());
    o.put("threshold", s.threshold());
    if (s.treatMissingData() != null) {
      o.put("treatMissingData", s.treatMissingData().name());
    }
    o.put("actionsEnabled", s.actionsEnabled());
    o.set("alarmActions", list(s.alarmActions()));
    o.set("okActions", list(s.okActions()));
    o.set("insufficientDataActions", list(s.insufficientDataActions()));
    if (s.unit() != null) {
      o.put("unit", s.unit());
    }
    return MAPPER.writeValueAsString(o);
  }

  static AlarmSpec spec(String json) {
    JsonNode o = MAPPER.readTree(json);
    return new AlarmSpec(
        o.get("alarmName").asString(),
        text(o, "description"),
        o.get("namespace").asString(),
        o.get("metricName").asString(),
        stringMap(o.get("dimensions")),
        Statistic.valueOf(o.get("statistic").asString()),
        o.get("periodSeconds").asInt(),
        o.get("evaluationPeriods").asInt(),
        o.hasNonNull("datapointsToAlarm") ? o.get("datapointsToAlarm").asInt() : null,
        ComparisonOperator.valueOf(o.get("comparison").asString()),
        o.get("threshold").asDouble(),
        o.hasNonNull("treatMissingData")
            ? TreatMissingData.valueOf(o.get("treatMissingData").asString())
            : null,
        o.get("actionsEnabled").asBoolean(),
        stringList(o.get("alarmActions")),
        stringList(o.get("okActions")),
        stringList(o.get("insufficientDataActions")),
        text(o, "unit"));
  }

  /** The ConfigurationUpdate data of a removed alarm ([INFERRED]: AWS's keys for deletion). */
  static String deleted(AlarmSpec s, AlarmState state) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("version", "1.0");
    o.put("type", "Delete");
    ObjectNode a = o.putObject("deletedAlarm");
    a.put("alarmName", s.alarmName());
    a.put("namespace", s.namespace());
    a.put("metricName", s.metricName());
    a.put("stateValue", state.name());
    return MAPPER.writeValueAsString(o);
  }

  // ------------------------------------------------------------------ checkpoints

  static String files(List<FileCheckpoint> files) {
    ArrayNode a = MAPPER.createArrayNode();
    for (FileCheckpoint f : files) {
      ObjectNode o = a.addObject();
      o.put("path", f.path());
      if (f.fileKey() != null) {
        o.put("fileKey", f.fileKey());
      }
      o.put("offset", f.offset());
      o.put("headLength", f.headLength());
      o.put("headHash", f.headHash());
      if (f.finished()) {
        o.put("finished", true);
      }
    }
    return MAPPER.writeValueAsString(a);
  }

  /**
   * A file source's body: the checkpoint array alone when there was no possible gap (as before
   * gaps were kept), else {@code {"files":[...],"gaps":{"count":n,"lastMs":t,"lastReason":"..."}}}.
   */
  static String filesBody(SourceCheckpoint.Files cp) {
    if (cp.gaps().isEmpty()) {
      return files(cp.files());
    }
    ObjectNode o = MAPPER.createObjectNode();
    o.set("files", MAPPER.readTree(files(cp.files())));
    ObjectNode g = o.putObject("gaps");
    g.put("count", cp.gaps().count());
    g.put("lastMs", Objects.requireNonNull(cp.gaps().lastAt()).toEpochMilli());
    g.put("lastReason", cp.gaps().lastReason());
    return MAPPER.writeValueAsString(o);
  }

  /** Reads what {@link #filesBody} wrote (either form). */
  static SourceCheckpoint.Files filesCheckpoint(String json) {
    JsonNode root = MAPPER.readTree(json);
    if (root.isArray()) {
      return new SourceCheckpoint.Files(files(root));
    }
    JsonNode g = root.get("gaps");
    PossibleGaps gaps =
        g == null || g.get("count").asLong() == 0
            ? PossibleGaps.NONE
            : new PossibleGaps(
                g.get("count").asLong(),
                Instant.ofEpochMilli(g.get("lastMs").asLong()),
                g.get("lastReason").asString());
    return new SourceCheckpoint.Files(files(root.get("files")), gaps);
  }

  static List<FileCheckpoint> files(String json) {
    return files(MAPPER.readTree(json));
  }

  private static List<FileCheckpoint> files(JsonNode array) {
    List<FileCheckpoint> out = new ArrayList<>();
    for (JsonNode o : array) {
      out.add(
          new FileCheckpoint(
              o.get("path").asString(),
              text(o, "fileKey"),
              o.get("offset").asLong(),
              o.get("headLength").asInt(),
              o.get("headHash").asString(),
              o.has("finished") && o.get("finished").asBoolean()));
    }
    return out;
  }

  // ------------------------------------------------------------------ series

  /** The identity of a watched series: metric key plus the unit its alarms require. */
  static String seriesKey(MetricKey key, @Nullable String unit) {
    ArrayNode a = MAPPER.createArrayNode();
    a.add(key.env());
    a.add(key.namespace());
    a.add(key.metricName());
    a.add(map(key.dimensions()));
    if (unit == null) {
      a.addNull();
    } else {
      a.add(unit);
    }
    return MAPPER.writeValueAsString(a);
  }

  static String seriesKey(String env, AlarmSpec s) {
    return seriesKey(new MetricKey(env, s.namespace(), s.metricName(), s.dimensions()), s.unit());
  }

  static String dimensions(Map<String, String> dims) {
    return MAPPER.writeValueAsString(map(dims));
  }

  static Map<String, String> dimensions(String json) {
    return stringMap(MAPPER.readTree(json));
  }

  // ------------------------------------------------------------------ helpers

  private static ObjectNode map(Map<String, String> m) {
    ObjectNode o = MAPPER.createObjectNode();
    new TreeMap<>(m).forEach(o::put);
    return o;
  }

  private static ArrayNode list(List<String> values) {
    ArrayNode a = MAPPER.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  private static Map<String, String> stringMap(JsonNode o) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      m.put(e.getKey(), e.getValue().asString());
    }
    return m;
  }

  private static List<String> stringList(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(n -> out.add(n.asString()));
    return out;
  }

  private static @Nullable String text(JsonNode o, String field) {
    return o.hasNonNull(field) ? o.get(field).asString() : null;
  }
}
