package io.mcpwatch.server.ingest;

import io.mcpwatch.server.web.Escape;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The two line formats. Lines end with LF (a CR before it is dropped); empty lines (and, for
 * NDJSON, blank ones) are skipped but keep their number, so reported line numbers match the body.
 */
final class LineFormats {
  private LineFormats() {}

  /**
   * {@code text/plain}: every non-empty line is one event in {@code logGroup}, timestamped with the
   * receive time.
   */
  static void text(String body, String logGroup, long receivedAtMillis, BatchBuilder batch)
      throws IngestException {
    int lineNo = 0;
    int start = 0;
    int len = body.length();
    while (start < len) {
      int nl = body.indexOf('\n', start);
      int end = nl < 0 ? len : nl;
      lineNo++;
      int stop = end > start && body.charAt(end - 1) == '\r' ? end - 1 : end;
      if (stop > start) {
        batch.add(lineNo, logGroup, receivedAtMillis, body.substring(start, stop));
      }
      start = end + 1;
    }
  }

  /**
   * {@code application/x-ndjson}: every non-blank line is one JSON object {@code {"timestamp"?,
   * "message", "logGroup"?, "logStream"?}}. {@code timestamp} is epoch milliseconds (an integer, or
   * a string of digits) or an ISO-8601 instant with offset, and defaults to the receive time;
   * {@code logGroup} defaults to {@code defaultGroup}; {@code logStream} is accepted and ignored.
   */
  static void ndjson(
      String body, @Nullable String defaultGroup, long receivedAtMillis, BatchBuilder batch)
      throws IngestException {
    int lineNo = 0;
    int start = 0;
    int len = body.length();
    while (start < len) {
      int nl = body.indexOf('\n', start);
      int end = nl < 0 ? len : nl;
      lineNo++;
      String line = body.substring(start, end);
      if (!line.isBlank()) {
        ndjsonLine(lineNo, line, defaultGroup, receivedAtMillis, batch);
      }
      start = end + 1;
    }
  }

  private static void ndjsonLine(
      int lineNo,
      String line,
      @Nullable String defaultGroup,
      long receivedAtMillis,
      BatchBuilder batch)
      throws IngestException {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(line);
    } catch (JacksonException e) {
      batch.malformed(lineNo, null, "not valid JSON: " + shortReason(e));
      return;
    }
    if (node == null || !node.isObject()) {
      batch.malformed(lineNo, null, "expected a JSON object {\"message\": ...}");
      return;
    }
    JsonNode message = node.get("message");
    if (message == null || !message.isString()) {
      batch.malformed(lineNo, "message", "message: expected a string");
      return;
    }
    if (message.stringValue().isEmpty()) {
      batch.malformed(lineNo, "message", "message: must not be empty");
      return;
    }
    String group = defaultGroup;
    JsonNode g = node.get("logGroup");
    if (g != null && !g.isNull()) {
      if (!g.isString()) {
        batch.malformed(lineNo, "logGroup", "logGroup: expected a string");
        return;
      }
      group = g.stringValue();
    }
    if (group == null) {
      batch.malformed(
          lineNo,
          "logGroup",
          "logGroup: missing (give it on the line or as the ?logGroup= parameter)");
      return;
    }
    String groupProblem = LogGroups.problem(group);
    if (groupProblem != null) {
      batch.malformed(lineNo, "logGroup", "logGroup: " + groupProblem);
      return;
    }
    long timestamp = receivedAtMillis;
    JsonNode t = node.get("timestamp");
    if (t != null && !t.isNull()) {
      Long parsed = timestamp(t);
      if (parsed == null) {
        batch.malformed(
            lineNo,
            "timestamp",
            "timestamp: expected epoch milliseconds >= 0 or an"
                + " ISO-8601 instant such as 2024-05-01T12:00:00Z");
        return;
      }
      timestamp = parsed;
    }
    batch.add(lineNo, group, timestamp, message.stringValue());
  }

  /** Epoch milliseconds from an integer, a digit string or an ISO-8601 string; null otherwise. */
  static @Nullable Long timestamp(JsonNode t) {
    if (t.isIntegralNumber()) {
      return t.canConvertToLong() && t.longValue() >= 0 ? t.longValue() : null;
    }
    if (!t.isString()) {
      return null;
    }
    String s = t.stringValue().strip();
    if (s.isEmpty() || s.length() > 40) {
      return null;
    }
    if (isDigits(s)) {
      return s.length() <= 18 ? Long.parseLong(s) : null;
    }
    try {
      return toMillis(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  private static @Nullable Long toMillis(Instant i) {
    long ms = i.toEpochMilli();
    return ms >= 0 ? ms : null;
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Jackson's message without the source excerpt, shortened and made printable. */
  static String shortReason(JacksonException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "syntax error";
    }
    int nl = m.indexOf('\n');
    return Escape.quoted(nl >= 0 ? m.substring(0, nl) : m, 160);
  }
}
