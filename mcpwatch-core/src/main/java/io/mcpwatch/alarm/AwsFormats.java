package io.mcpwatch.alarm;

import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
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

  /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years {@code uuuu} writes as 4 digits. */
  private static final long FAST_FROM = -62_167_219_200_000L;
  private static final long FAST_UNTIL = 253_402_300_800_000L;

  /**
   * {@code 2019-10-02T17:04:40.985+0000}: StateReasonData, history and SNS message times. Years 0
   * to 9999 are written digit by digit (the formatter took a third of the start-up's history items
   * at 10,000 alarms); others through the formatter (same text).
   */
  public static String isoTime(long epochMillis) {
    byte[] b = new byte[28];
    if (!isoDigits(epochMillis, b)) {
      return ISO.format(Instant.ofEpochMilli(epochMillis));
    }
    b[23] = '+';
    b[24] = '0';
    b[25] = '0';
    b[26] = '0';
    b[27] = '0';
    return new String(b, StandardCharsets.US_ASCII);
  }

  /**
   * Writes {@code yyyy-MM-dd'T'HH:mm:ss.SSS} of a UTC time into {@code b[0..23)}, digit by digit,
   * for years 0 to 9999 (what {@code uuuu} writes as 4 digits); for other times writes nothing and
   * returns false (the caller formats them).
   */
  public static boolean isoDigits(long epochMillis, byte[] b) {
    if (epochMillis < FAST_FROM || epochMillis >= FAST_UNTIL) {
      return false;
    }
    long seconds = Math.floorDiv(epochMillis, 1000L);
    int millis = (int) Math.floorMod(epochMillis, 1000L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
    digits(b, 0, d.getYear(), 4);
    b[4] = '-';
    digits(b, 5, d.getMonthValue(), 2);
    b[7] = '-';
    digits(b, 8, d.getDayOfMonth(), 2);
    b[10] = 'T';
    digits(b, 11, secondOfDay / 3600, 2);
    b[13] = ':';
    digits(b, 14, secondOfDay / 60 % 60, 2);
    b[16] = ':';
    digits(b, 17, secondOfDay % 60, 2);
    b[19] = '.';
    digits(b, 20, millis, 3);
    return true;
  }

  private static void digits(byte[] b, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      b[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  /** {@code 13/05/22 13:14:00}: datapoint times inside a StateReason (UTC). */
  public static String reasonTime(long epochMillis) {
    return REASON.format(Instant.ofEpochMilli(epochMillis));
  }

  /** A fresh, insertion-ordered JSON object. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Root values one after the other without a separator: {@link #jsonEach}. */
  private static final JsonFactory SEQUENCE =
      JsonFactory.builder().rootValueSeparator((String) null).build();

  /**
   * The compact JSON text that {@code body} writes for each of {@code values}, with one generator
   * for all (creating and closing one per value was a third of the cost of 10,000 small values).
   */
  public static <T> List<String> jsonEach(List<T> values, BiConsumer<JsonGenerator, T> body) {
    List<String> out = new ArrayList<>(values.size());
    TextSink sink = new TextSink();
    try (JsonGenerator g = SEQUENCE.createGenerator(ObjectWriteContext.empty(), sink)) {
      for (T v : values) {
        body.accept(g, v);
        g.flush();
        out.add(sink.text.toString());
        sink.text.setLength(0);
      }
    }
    return out;
  }

  /**
   * Compact JSON texts written one after the other by one generator, as {@link #json} writes
   * each: for a caller that writes many small values (an engine's reason data, one per
   * transition), creating and closing a generator per value cost more than the value itself. Not
   * thread-safe: one per thread (an engine's own thread).
   */
  public static final class JsonTexts {
    private final TextSink sink = new TextSink();
    private @Nullable JsonGenerator g;

    /** The compact JSON text that {@code body} writes, as {@link AwsFormats#json} returns it. */
    public String json(Consumer<JsonGenerator> body) {
      JsonGenerator gen = g;
      if (gen == null) {
        gen = SEQUENCE.createGenerator(ObjectWriteContext.empty(), sink);
        g = gen;
      }
      boolean done = false;
      try {
        body.accept(gen);
        gen.flush();
        done = true;
        return sink.text.toString();
      } finally {
        sink.text.setLength(0);
        if (!done) {
          g = null; // a body that failed may leave the generator inside a value: start afresh
        }
      }
    }
  }

  /** A writer into a StringBuilder (unsynchronized, unlike StringWriter's buffer). */
  private static final class TextSink extends Writer {
    final StringBuilder text = new StringBuilder(1024);

    @Override
    public void write(char[] c, int off, int len) {
      text.append(c, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
      text.append(s, off, off + len);
    }

    @Override
    public void write(int c) {
      text.append((char) c);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
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
   * tree writes them, but streamed, without the tree and the databind mapper. False when the text is
   * not one object with distinct keys (the tree keeps the last of a repeated key): {@code g} may then
   * hold part of it, so the caller discards what it wrote and goes through the tree.
   */
  static boolean copyObject(JsonGenerator g, String json) {
    try (JsonParser p = STRICT.createParser(ObjectReadContext.empty(), json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      g.copyCurrentStructure(p);
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
