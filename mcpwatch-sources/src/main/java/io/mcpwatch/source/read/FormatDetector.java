package io.mcpwatch.source.read;

import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/** {@link InputFormat#detect}: looks at the first non-blank bytes and the first object's keys. */
final class FormatDetector {
  private static final Set<String> CLOUDWATCH_KEYS =
      Set.of("events", "searchedLogStreams", "nextToken", "nextForwardToken", "nextBackwardToken");

  private FormatDetector() {}

  static InputFormat detect(byte[] b, int off, int len) {
    int end = off + len;
    int i = JsonScanner.skipWs(b, skipBom(b, off, end), end);
    if (i >= end) {
      return InputFormat.AUTO;
    }
    if (b[i] == '[') {
      return InputFormat.CLOUDWATCH_JSON;
    }
    if (b[i] != '{') {
      return InputFormat.TEXT;
    }
    Set<String> names = new HashSet<>();
    try (JsonParser p =
        JacksonObject.FACTORY.createParser(ObjectReadContext.empty(), b, i, end - i)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        names.add(name.equals("events") && value != JsonToken.START_ARRAY ? "events:" : name);
        p.skipChildren();
      }
    } catch (JacksonException e) {
      // truncated head or bad JSON: decide on the keys seen so far
    }
    if (names.contains("message") && names.contains("timestamp")) {
      return InputFormat.JSON_LINES;
    }
    for (String k : CLOUDWATCH_KEYS) {
      if (names.contains(k)) {
        return InputFormat.CLOUDWATCH_JSON;
      }
    }
    return names.contains("log") && !names.contains("message")
        ? InputFormat.DOCKER
        : InputFormat.JSON_LINES;
  }

  /** The index after a UTF-8 byte order mark at {@code off}, or {@code off}. */
  static int skipBom(byte[] b, int off, int end) {
    return end - off >= 3
            && b[off] == (byte) 0xEF
            && b[off + 1] == (byte) 0xBB
            && b[off + 2] == (byte) 0xBF
        ? off + 3
        : off;
  }
}
