package io.mcpwatch.streams;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one Kafka record of an input topic into a {@link LogEvent}, accepting what log shippers'
 * Kafka outputs write. The mapping (docs/streams.md has the table):
 *
 * <ul>
 *   <li>log group: {@code logGroup}, {@code log_group}, {@code logGroupName} or {@code
 *       log_group_name}; otherwise the configured log group of the environment and app named by
 *       {@code env}/{@code environment} and {@code app} (top level, or Kubernetes pod labels {@code
 *       kubernetes.pod_labels.app} (Vector) / {@code kubernetes.labels.app} (Fluent Bit));
 *       otherwise the record key;
 *   <li>message: {@code message} (mcpwatch, Vector) or {@code log} (Fluent Bit); a non-string
 *       message is kept as its JSON text;
 *   <li>time: {@code timestamp} (mcpwatch: epoch ms; Vector: RFC 3339), {@code @timestamp}
 *       (Fluent Bit: epoch seconds with fraction, or ISO 8601), {@code time}; numbers below 10^11
 *       are seconds, others milliseconds; otherwise the Kafka record's timestamp.
 * </ul>
 *
 * A value that is not a JSON object is a plain text line: the message is the value, the log group
 * the record key. Never throws: anything else is counted and skipped ({@link #rejected()}).
 */
final class InputDecoder {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final int MAX_BYTES = 256 * 1024;

  private final Map<String, String> groupByEnvApp = new HashMap<>();
  private long rejected;

  InputDecoder(List<ResolvedAlarm> alarms) {
    for (ResolvedAlarm a : alarms) {
      groupByEnvApp.putIfAbsent(a.env() + "\u0000" + a.app(), a.logGroup());
    }
  }

  /** Records that could not be turned into an event (no log group, no message, oversized). */
  long rejected() {
    return rejected;
  }

  @Nullable LogEvent decode(byte @Nullable [] key, byte @Nullable [] value, long recordTimeMillis) {
    if (value == null || value.length == 0 || value.length > MAX_BYTES) {
      rejected++;
      return null;
    }
    int first = 0;
    while (first < value.length && (value[first] == ' ' || value[first] == '\t'
        || value[first] == '\n' || value[first] == '\r')) {
      first++;
    }
    if (first == value.length || value[first] != '{') {
      return text(key, value, recordTimeMillis);
    }
    JsonNode o;
    try {
      o = JSON.readTree(value);
    } catch (JacksonException e) {
      return text(key, value, recordTimeMillis);
    }
    if (o == null || !o.isObject()) {
      rejected++;
      return null;
    }
    String group = group(o, key);
    JsonNode m = o.get("message");
    if (m == null || m.isNull()) {
      m = o.get("log");
    }
    if (group == null || m == null || m.isNull()) {
      rejected++;
      return null;
    }
    String message = m.isString() ? m.asString() : m.toString();
    long ts = time(o.get("timestamp"));
    if (ts == Long.MIN_VALUE) {
      ts = time(o.get("@timestamp"));
    }
    if (ts == Long.MIN_VALUE) {
      ts = time(o.get("time"));
    }
    if (ts == Long.MIN_VALUE) {
      ts = recordTimeMillis;
    }
    return new LogEvent(group, ts, message);
  }

  private @Nullable LogEvent text(byte @Nullable [] key, byte[] value, long recordTimeMillis) {
    if (key == null || key.length == 0) {
      rejected++;
      return null;
    }
    String message = new String(value, StandardCharsets.UTF_8);
    if (message.endsWith("\n")) {
      message = message.substring(0, message.length() - 1);
    }
    return new LogEvent(new String(key, StandardCharsets.UTF_8), recordTimeMillis, message);
  }

  private @Nullable String group(JsonNode o, byte @Nullable [] key) {
    for (String f : new String[] {"logGroup", "log_group", "logGroupName", "log_group_name"}) {
      JsonNode g = o.get(f);
      if (g != null && g.isString() && !g.asString().isEmpty()) {
        return g.asString();
      }
    }
    String app = text(o.get("app"));
    if (app == null) {
      app = text(o.at("/kubernetes/pod_labels/app"));
    }
    if (app == null) {
      app = text(o.at("/kubernetes/labels/app"));
    }
    String env = text(o.get("env"));
    if (env == null) {
      env = text(o.get("environment"));
    }
    if (app != null && env != null) {
      String g = groupByEnvApp.get(env + "\u0000" + app);
      if (g != null) {
        return g;
      }
    }
    return key == null || key.length == 0 ? null : new String(key, StandardCharsets.UTF_8);
  }

  private static @Nullable String text(@Nullable JsonNode n) {
    return n != null && n.isString() && !n.asString().isEmpty() ? n.asString() : null;
  }

  /** Epoch ms from a number (seconds below 10^11) or an ISO 8601 string; MIN_VALUE if neither. */
  static long time(@Nullable JsonNode t) {
    if (t == null || t.isNull()) {
      return Long.MIN_VALUE;
    }
    if (t.isNumber()) {
      double d = t.asDouble();
      if (!Double.isFinite(d) || d < 0) {
        return Long.MIN_VALUE;
      }
      return d < 1e11 ? Math.round(d * 1000.0) : (long) d;
    }
    if (t.isString()) {
      String s = t.asString();
      try {
        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        try {
          return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e2) {
          return Long.MIN_VALUE;
        }
      }
    }
    return Long.MIN_VALUE;
  }
}
