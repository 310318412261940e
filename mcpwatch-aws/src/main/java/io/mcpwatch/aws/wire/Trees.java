package io.mcpwatch.aws.wire;

import java.time.Instant;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;
import tools.jackson.dataformat.cbor.CBORGenerator;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Operation outputs are Jackson trees whose timestamps are {@link POJONode}s holding an {@link
 * Instant} ({@link #timestamp}); each protocol writes them its own way: epoch seconds in JSON, CBOR
 * tag 1 with epoch seconds in RPC v2 CBOR.
 */
public final class Trees {
  public static final JsonMapper JSON = JsonMapper.builder().build();
  public static final CBORMapper CBOR = CBORMapper.builder().build();

  private Trees() {}

  /** An empty object to fill. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** A timestamp member value. */
  public static JsonNode timestamp(Instant t) {
    return JSON.getNodeFactory().pojoNode(t);
  }

  /** Writes {@code node}; timestamps as tag 1 when {@code gen} is CBOR, else epoch seconds. */
  static void write(JsonGenerator gen, JsonNode node) {
    if (node.isObject()) {
      gen.writeStartObject();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        gen.writeName(e.getKey());
        write(gen, e.getValue());
      }
      gen.writeEndObject();
    } else if (node.isArray()) {
      gen.writeStartArray();
      for (JsonNode n : node.values()) {
        write(gen, n);
      }
      gen.writeEndArray();
    } else if (node instanceof POJONode && ((POJONode) node).getPojo() instanceof Instant) {
      Instant t = (Instant) ((POJONode) node).getPojo();
      if (gen instanceof CBORGenerator) {
        ((CBORGenerator) gen).writeTag(1);
      }
      if (t.getNano() % 1_000_000 == 0 && t.getNano() == 0) {
        gen.writeNumber(t.getEpochSecond());
      } else {
        gen.writeNumber(t.toEpochMilli() / 1000.0);
      }
    } else if (node.isString()) {
      gen.writeString(node.stringValue());
    } else if (node.isBoolean()) {
      gen.writeBoolean(node.booleanValue());
    } else if (node.isIntegralNumber()) {
      gen.writeNumber(node.longValue());
    } else if (node.isNumber()) {
      gen.writeNumber(node.doubleValue());
    } else {
      gen.writeNull();
    }
  }
}
