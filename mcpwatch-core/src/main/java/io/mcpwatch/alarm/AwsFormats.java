package io.mcpwatch.alarm;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The time and JSON formats CloudWatch uses in reasons, reason data and history (spec 3.6-3.8). */
public final class AwsFormats {

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'+0000'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter REASON =
      DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * Writing goes through jackson-core only: building a databind {@code JsonMapper} loads some 400
   * classes (a third of a second at start-up on one core), which every command that sees a state
   * change would otherwise pay for its first StateReasonData.
   */
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Reading reason data to copy it: a repeated key is an error (the tree would keep the last). */
  private static final JsonFactory STRICT =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Reading (history, on the status path) needs the mapper: created on first use. */
  private static final class Reader {
    static final JsonMapper JSON = JsonMapper.builder().build();
  }

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
    return JsonNodeFactory.instance.objectNode();
  }

  /** Compact JSON text written by {@code body} to a generator (no tree in between). */
  public static String json(Consumer<JsonGenerator> body) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      body.accept(g);
    }
    return out.toString();
  }

  /**
   * Writes the JSON object in {@code json} (text that {@link #read} accepts) to {@code g} as
   * {@link #write}{@code (}{@link #read}{@code (json))} would: compact, numbers and strings as the
   * tree writes them, but streamed, without the tree and the databind mapper. False, having written
   * nothing, when the text is not one object with distinct keys (the tree keeps the last of a
   * repeated key): then the caller goes through the tree.
   */
  static boolean copyObject(JsonGenerator g, String json) {
    try (JsonParser p = STRICT.createParser(ObjectReadContext.empty(), json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      StringWriter out = new StringWriter(json.length());
      try (JsonGenerator buffer = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
        buffer.copyCurrentStructure(p);
      }
      g.writeRawValue(out.toString());
      return true;
    } catch (JacksonException e) {
      return false; // not JSON, or a repeated key: the tree decides (and reports) as before
    }
  }

  /** Compact JSON text of a tree, keys in insertion order (what databind would write). */
  public static String write(ObjectNode node) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      writeTree(g, node);
    }
    return out.toString();
  }

  private static void writeTree(JsonGenerator g, JsonNode n) {
    if (n.isObject()) {
      g.writeStartObject();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        g.writeName(e.getKey());
        writeTree(g, e.getValue());
      }
      g.writeEndObject();
    } else if (n.isArray()) {
      g.writeStartArray();
      for (JsonNode v : n.values()) {
        writeTree(g, v);
      }
      g.writeEndArray();
    } else if (n.isString()) {
      g.writeString(n.stringValue());
    } else if (n.isInt() || n.isShort()) {
      g.writeNumber(n.intValue());
    } else if (n.isLong()) {
      g.writeNumber(n.longValue());
    } else if (n.isDouble()) {
      g.writeNumber(n.doubleValue());
    } else if (n.isFloat()) {
      g.writeNumber(n.floatValue());
    } else if (n.isBigDecimal()) {
      g.writeNumber(n.decimalValue());
    } else if (n.isBigInteger()) {
      g.writeNumber(n.bigIntegerValue());
    } else if (n.isBoolean()) {
      g.writeBoolean(n.booleanValue());
    } else if (n.isNull()) {
      g.writeNull();
    } else {
      throw new IllegalArgumentException("unsupported JSON node " + n.getNodeType());
    }
  }

  /** Parses a JSON object written by {@link #write}. */
  public static ObjectNode read(String json) {
    return (ObjectNode) Reader.JSON.readTree(json);
  }
}
