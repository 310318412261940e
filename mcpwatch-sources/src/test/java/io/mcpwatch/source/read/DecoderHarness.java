package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Feeds lines to a decoder from the middle of a larger buffer, so offsets and bounds are tested.
 */
final class DecoderHarness {
  static final String GROUP = "/ecs/aiconnectors-dev-aiconnectors/default-main-svc/default";
  private static final byte[] BEFORE = "{\"x\":\"\\".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AFTER = "\\\"}\"\n{".getBytes(StandardCharsets.US_ASCII);

  private DecoderHarness() {}

  static @Nullable LogEvent decode(LineDecoder d, String line) {
    return decode(d, line.getBytes(StandardCharsets.UTF_8), LineDecoder.NO_FALLBACK);
  }

  static @Nullable LogEvent decode(LineDecoder d, byte[] line, long fallback) {
    byte[] buf = new byte[BEFORE.length + line.length + AFTER.length];
    System.arraycopy(BEFORE, 0, buf, 0, BEFORE.length);
    System.arraycopy(line, 0, buf, BEFORE.length, line.length);
    System.arraycopy(AFTER, 0, buf, BEFORE.length + line.length, AFTER.length);
    return d.decode(buf, BEFORE.length, line.length, fallback, GROUP);
  }

  static LineDecoder jsonLines() {
    return LineDecoder.forFormat(InputFormat.JSON_LINES, ReadOptions.defaults());
  }
}
