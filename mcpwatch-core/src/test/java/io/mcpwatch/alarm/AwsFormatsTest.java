package io.mcpwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link AwsFormats#write} (jackson-core only) writes what Jackson databind writes. */
class AwsFormatsTest {
  private static final JsonMapper DATABIND = JsonMapper.builder().build();

  @Test
  void write_stateReasonDataShape_isCompactAndOrdered() {
    ObjectNode o = AwsFormats.object();
    o.put("version", "1.0");
    o.put("period", 300);
    o.putArray("recentDatapoints").add(5.0).add(0.5);
    o.put("threshold", 5.0);
    o.putArray("evaluatedDatapoints").addObject().put("timestamp", "t\"1\u2028").put("value", 7.0);
    assertThat(AwsFormats.write(o)).isEqualTo("{\"version\":\"1.0\",\"period\":300,"
        + "\"recentDatapoints\":[5.0,0.5],\"threshold\":5.0,"
        + "\"evaluatedDatapoints\":[{\"timestamp\":\"t\\\"1\u2028\",\"value\":7.0}]}");
    assertThat(AwsFormats.read(AwsFormats.write(o))).isEqualTo(o);
  }

  @Test
  void write_randomTrees_equalsDatabind() {
    qt().withExamples(2000).forAll(longs().all()).check(seed -> {
      ObjectNode tree = AwsFormats.object();
      fill(tree, new Random(seed), 3);
      return AwsFormats.write(tree).equals(DATABIND.writeValueAsString(tree));
    });
  }

  private static void fill(ObjectNode o, Random r, int depth) {
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      String key = "k" + r.nextInt(100) + (r.nextInt(10) == 0 ? "\"\\\n\u00e9" : "");
      JsonNode v = value(r, depth);
      o.set(key, v);
    }
  }

  private static JsonNode value(Random r, int depth) {
    switch (r.nextInt(depth > 0 ? 11 : 9)) {
      case 0:
        return DATABIND.getNodeFactory().stringNode("s" + (char) r.nextInt(0x3000));
      case 1:
        return DATABIND.getNodeFactory().numberNode(r.nextInt());
      case 2:
        return DATABIND.getNodeFactory().numberNode(r.nextLong());
      case 3:
        return DATABIND.getNodeFactory().numberNode(
            r.nextBoolean() ? r.nextDouble() * 1e6 : (double) r.nextInt(1000));
      case 4:
        return DATABIND.getNodeFactory()
            .numberNode(new BigDecimal(r.nextInt(10_000)).movePointLeft(2));
      case 5:
        return DATABIND.getNodeFactory().booleanNode(r.nextBoolean());
      case 6:
        return DATABIND.getNodeFactory().nullNode();
      case 7:
        return DATABIND.getNodeFactory().numberNode((short) r.nextInt(1000));
      case 8:
        return DATABIND.getNodeFactory().numberNode(r.nextFloat());
      case 9: {
        ArrayNode a = DATABIND.getNodeFactory().arrayNode();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.add(value(r, depth - 1));
        }
        return a;
      }
      default: {
        ObjectNode o = DATABIND.getNodeFactory().objectNode();
        fill(o, r, depth - 1);
        return o;
      }
    }
  }

  @Test
  void isoTime_writesWhatTheFormatterWrites() {
    java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter
        .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'+0000'", java.util.Locale.ROOT)
        .withZone(java.time.ZoneOffset.UTC);
    long[] edges = {0L, -1L, 1L, 999L, 1000L, -1000L, -1001L, 86_399_999L, 951_782_400_000L,
        -62_167_219_200_000L, -62_167_219_200_001L, 253_402_300_799_999L, 253_402_300_800_000L,
        -62_135_596_800_000L, 4_102_444_800_000L};
    for (long e : edges) {
      assertThat(AwsFormats.isoTime(e)).as("%d", e)
          .isEqualTo(iso.format(java.time.Instant.ofEpochMilli(e)));
    }
    qt().withExamples(20_000)
        .forAll(longs().between(-70_000_000_000_000L, 300_000_000_000_000L))
        .checkAssert(ms -> assertThat(AwsFormats.isoTime(ms))
            .isEqualTo(iso.format(java.time.Instant.ofEpochMilli(ms))));
  }

  @Test
  void jsonTexts_afterABodyThatFailed_writesTheNextTextWhole() {
    AwsFormats.JsonTexts texts = new AwsFormats.JsonTexts();
    assertThat(texts.json(g -> g.writeNumber(1))).isEqualTo("1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> texts.json(g -> {
      g.writeStartObject();
      g.writeStringProperty("half", "written");
      throw new IllegalStateException("failed inside the object");
    })).hasMessage("failed inside the object");
    assertThat(texts.json(g -> {
      g.writeStartObject();
      g.writeStringProperty("a", "b");
      g.writeEndObject();
    })).isEqualTo(AwsFormats.json(g -> {
      g.writeStartObject();
      g.writeStringProperty("a", "b");
      g.writeEndObject();
    })).isEqualTo("{\"a\":\"b\"}");
    assertThat(texts.json(g -> g.writeString("x"))).isEqualTo("\"x\"");
  }
}
