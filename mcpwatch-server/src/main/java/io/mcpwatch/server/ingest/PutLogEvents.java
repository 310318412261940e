package io.mcpwatch.server.ingest;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The CloudWatch Logs PutLogEvents request body: {@code {"logGroupName", "logStreamName"?,
 * "logEvents": [{"timestamp", "message"}]}}. As in CloudWatch Logs, a structurally invalid body is
 * refused as a whole (400, naming the field, e.g. {@code logEvents.3.timestamp}); events that are
 * too long, too old or too new are rejected one by one and reported in {@code
 * rejectedLogEventsInfo}. {@code logStreamName} is optional here (CloudWatch requires it) and not
 * used: mcpwatch's events carry only their log group.
 */
final class PutLogEvents {
  private PutLogEvents() {}

  static void parse(String body, IngestLimits limits, BatchBuilder batch) throws IngestException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new IngestException(
          400,
          "SerializationException",
          "the body is not valid JSON: " + LineFormats.shortReason(e));
    }
    if (root == null || !root.isObject()) {
      throw invalid("expected a JSON object {\"logGroupName\", \"logEvents\": [...]}", null);
    }
    JsonNode group = root.get("logGroupName");
    if (group == null || !group.isString()) {
      throw invalid("logGroupName: expected a string", "logGroupName");
    }
    String problem = LogGroups.problem(group.stringValue());
    if (problem != null) {
      throw invalid("logGroupName: " + problem, "logGroupName");
    }
    JsonNode stream = root.get("logStreamName");
    if (stream != null && !stream.isNull() && !stream.isString()) {
      throw invalid("logStreamName: expected a string", "logStreamName");
    }
    JsonNode events = root.get("logEvents");
    if (events == null || !events.isArray()) {
      throw invalid("logEvents: expected an array of {\"timestamp\", \"message\"}", "logEvents");
    }
    if (events.isEmpty()) {
      throw invalid("logEvents: expected at least 1 event", "logEvents");
    }
    if (events.size() > limits.maxEvents()) {
      throw BatchBuilder.tooMany(limits);
    }
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      String at = "logEvents." + i;
      if (!e.isObject()) {
        throw invalid(at + ": expected an object {\"timestamp\", \"message\"}", at);
      }
      JsonNode ts = e.get("timestamp");
      if (ts == null || !ts.isIntegralNumber() || !ts.canConvertToLong() || ts.longValue() < 0) {
        throw invalid(
            at + ".timestamp: expected epoch milliseconds (an integer >= 0)", at + ".timestamp");
      }
      JsonNode message = e.get("message");
      if (message == null || !message.isString() || message.stringValue().isEmpty()) {
        throw invalid(at + ".message: expected a non-empty string", at + ".message");
      }
    }
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      batch.add(
          i, group.stringValue(), e.get("timestamp").longValue(), e.get("message").stringValue());
    }
  }

  private static IngestException invalid(String message, @Nullable String field) {
    return new IngestException(400, "InvalidParameterException", message, null, field);
  }
}
