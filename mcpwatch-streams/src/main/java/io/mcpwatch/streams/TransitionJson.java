package io.mcpwatch.streams;

import io.mcpwatch.engine.AlarmTransition;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A transition as a record of the transitions topic: key {@code env/alarmName} (compaction keeps
 * each alarm's latest state), value a JSON object whose {@code id} is the same whenever the same
 * transition is computed again (after a failover the engine recomputes it from the same input), so
 * a consumer deduplicates by it.
 */
final class TransitionJson {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private TransitionJson() {}

  /** The record key: environment and alarm name. */
  static String key(AlarmTransition t) {
    return t.alarm().env() + "/" + t.alarm().spec().alarmName();
  }

  /** Stable over recomputation: the alarm, the time and the states. */
  static String id(AlarmTransition t) {
    return key(t) + "/" + t.time().toEpochMilli() + "/" + t.oldState() + ">" + t.newState();
  }

  static String toJson(AlarmTransition t) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", id(t));
    o.put("env", t.alarm().env());
    o.put("app", t.alarm().app());
    o.put("alarm", t.alarm().alarm());
    o.put("alarmName", t.alarm().spec().alarmName());
    o.put("logGroup", t.alarm().logGroup());
    o.put("time", t.time().toString());
    o.put("timeMillis", t.time().toEpochMilli());
    o.put("oldState", t.oldState().name());
    o.put("newState", t.newState().name());
    o.put("reason", t.reason());
    o.put("reasonData", t.reasonDataJson());
    o.put("early", t.early());
    ArrayNode a = o.putArray("actions");
    t.actions().forEach(a::add);
    return JSON.writeValueAsString(o);
  }

  /** The fields a reader of the topic needs back (status, tests). */
  record Read(String id, String env, String alarmName, long timeMillis, String oldState,
      String newState, String reason, boolean early, List<String> actions) {
    Read {
      actions = List.copyOf(actions);
    }
  }

  static Read parse(String json) {
    JsonNode o = JSON.readTree(json);
    List<String> actions = new java.util.ArrayList<>();
    o.get("actions").forEach(n -> actions.add(n.asString()));
    return new Read(o.get("id").asString(), o.get("env").asString(),
        o.get("alarmName").asString(), o.get("timeMillis").asLong(),
        o.get("oldState").asString(), o.get("newState").asString(), o.get("reason").asString(),
        o.get("early").asBoolean(), actions);
  }
}
