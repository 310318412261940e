package io.mcpwatch.alarm;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The time and JSON formats CloudWatch uses in reasons, reason data and history (spec 3.6-3.8). */
public final class AwsFormats {

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'+0000'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter REASON =
      DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  static final JsonMapper JSON = JsonMapper.builder().build();

  private AwsFormats() {}

  /** {@code 2019-10-02T17:04:40.985+0000}: StateReasonData, history and SNS message times. */
  public static String isoTime(long epochMillis) {
    return ISO.format(Instant.ofEpochMilli(epochMillis));
  }

  /** {@code 13/05/22 13:14:00}: datapoint times inside a StateReason (UTC). */
  public static String reasonTime(long epochMillis) {
    return REASON.format(Instant.ofEpochMilli(epochMillis));
  }

  /** A fresh, insertion-ordered JSON object. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Compact JSON text of a tree, keys in insertion order. */
  public static String write(ObjectNode node) {
    return JSON.writeValueAsString(node);
  }

  /** Parses a JSON object written by {@link #write}. */
  public static ObjectNode read(String json) {
    return (ObjectNode) JSON.readTree(json);
  }
}
