package io.mcpwatch.source.read;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.mcpwatch.engine.LogEvent;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/** Property: a line written by Jackson decodes (fast path or not) to the same event. */
class JsonLinesRoundTripTest {
  private static final JsonFactory PLAIN = JsonFactory.builder().build();
  private static final JsonFactory ASCII =
      JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  /** Mostly tricky ASCII (quotes, backslashes, controls), BMP text, and all code points. */
  private static Gen<String> messages() {
    Gen<String> tricky = strings().betweenCodePoints(0, 0x7F).ofLengthBetween(0, 80);
    Gen<String> bmp = strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 40);
    Gen<String> all = strings().allPossible().ofLengthBetween(0, 40);
    return tricky.mix(bmp, 30).mix(all, 30).map(JsonLinesRoundTripTest::withoutLoneSurrogates);
  }

  /**
   * Lone surrogates cannot be written as UTF-8; they become U+FFFD as Java's encoder makes them.
   */
  static String withoutLoneSurrogates(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append('\uFFFD');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static byte[] write(JsonFactory f, int order, long ts, String msg, String group) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = f.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      for (int k = 0; k < 4; k++) {
        switch ((order + k) % 4) {
          case 0:
            g.writeNumberProperty("timestamp", ts);
            break;
          case 1:
            g.writeStringProperty("message", msg);
            break;
          case 2:
            g.writeStringProperty("logGroup", group);
            break;
          default:
            g.writeName("extra");
            g.writeStartArray();
            g.writeString(msg);
            g.writeStartObject();
            g.writeNumberProperty("n", order);
            g.writeEndObject();
            g.writeEndArray();
            break;
        }
      }
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  @Test
  void decode_returnsWhatJacksonWrote() {
    qt().forAll(messages(), longs().between(-1L << 50, 1L << 50), integers().between(0, 7))
        .check(
            (msg, ts, order) -> {
              JsonFactory f = order < 4 ? PLAIN : ASCII;
              byte[] line = write(f, order, ts, msg, "/ecs/g");
              LogEvent e =
                  DecoderHarness.decode(DecoderHarness.jsonLines(), line, LineDecoder.NO_FALLBACK);
              return e != null
                  && e.message().equals(msg)
                  && e.timestampMillis() == ts
                  && e.logGroup().equals("/ecs/g");
            });
  }
}
