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
      Set.of(
          "events",
          "results",
          "searchedLogStreams",
          "nextToken",
          "nextForwardToken",
          "nextBackwardToken");

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
      return isInsightsHeader(b, i, end) ? InputFormat.INSIGHTS_CSV : InputFormat.TEXT;
    }
    Set<String> names = new HashSet<>();
    try (JsonParser p =
        JacksonObject.FACTORY.createParser(ObjectReadContext.empty(), b, i, end - i)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        boolean array = value == JsonToken.START_ARRAY;
        names.add(
            (name.equals("events") || name.equals("results")) && !array ? name + ":" : name);
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

  /**
   * Whether the line at {@code b[i..]} is a CSV header with {@code @timestamp} and {@code @message}
   * columns (the Logs Insights console's download; names may be quoted).
   */
  static boolean isInsightsHeader(byte[] b, int i, int end) {
    int nl = LineEventReader.indexOfNewline(b, i, end);
    String line =
        new String(b, i, (nl < 0 ? end : nl) - i, java.nio.charset.StandardCharsets.UTF_8);
    boolean ts = false;
    boolean msg = false;
    for (String col : line.split(",", -1)) {
      String c = col.strip();
      if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
        c = c.substring(1, c.length() - 1);
      }
      ts |= c.equals("@timestamp");
      msg |= c.equals("@message");
    }
    return ts && msg;
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
