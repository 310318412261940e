package io.mcpwatch.source.read;

import java.io.StringWriter;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * The slow path for one JSON object on one line: Jackson's streaming parser reads the top level and
 * keeps the known keys' values as text (nested values as compact JSON), with their token types. It
 * also words the errors.
 */
final class JacksonObject {
  static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS).build();
  private static final int MAX_PROBLEM_CHARS = 160;

  private final String[] keys;
  final @Nullable String[] values;
  final @Nullable JsonToken[] types;

  JacksonObject(String... keys) {
    this.keys = keys.clone();
    this.values = new String[keys.length];
    this.types = new JsonToken[keys.length];
  }

  /** Reads one object; returns {@code null} when it is well-formed, else what was expected. */
  @Nullable String read(String line) {
    java.util.Arrays.fill(values, null);
    java.util.Arrays.fill(types, null);
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return "expected a JSON object";
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
        int slot = slotOf(p.currentName());
        JsonToken v = p.nextToken();
        if (slot < 0) {
          p.skipChildren();
        } else {
          types[slot] = v;
          values[slot] = valueText(p, v);
        }
      }
      if (t != JsonToken.END_OBJECT) {
        return "expected a property name or '}'";
      }
      if (p.nextToken() != null) {
        return "expected the end of the line after the object";
      }
      return null;
    } catch (JacksonException e) {
      return describe(e);
    }
  }

  private int slotOf(String name) {
    for (int k = 0; k < keys.length; k++) {
      if (keys[k].equals(name)) {
        return k;
      }
    }
    return -1;
  }

  private static String valueText(JsonParser p, JsonToken v) {
    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
      StringWriter w = new StringWriter();
      try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), w)) {
        g.copyCurrentStructure(p);
      }
      return w.toString();
    }
    return v == JsonToken.VALUE_STRING ? p.getString() : p.getText();
  }

  /** Control characters (newlines in quoted input) become spaces. */
  static String oneLine(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 ? ' ' : c);
    }
    return sb.toString().trim();
  }

  /** "invalid JSON: <Jackson's words> (column N)", short and on one line. */
  static String describe(JacksonException e) {
    String msg = e.getOriginalMessage();
    if (msg == null) {
      msg = e.getClass().getSimpleName();
    }
    msg = oneLine(msg);
    if (msg.length() > MAX_PROBLEM_CHARS) {
      msg = msg.substring(0, MAX_PROBLEM_CHARS) + "...";
    }
    var loc = e.getLocation();
    return loc == null || loc.getColumnNr() < 1
        ? "invalid JSON: " + msg
        : "invalid JSON: " + msg + " (column " + loc.getColumnNr() + ")";
  }
}
