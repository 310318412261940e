package io.mcpwatch.engine;

import java.util.Objects;

/**
 * One log event as CloudWatch Logs sees it: the log group it was put into, its timestamp (epoch
 * milliseconds, the event's own time) and its message.
 */
public record LogEvent(String logGroup, long timestampMillis, String message) {
  public LogEvent {
    Objects.requireNonNull(logGroup, "logGroup");
    Objects.requireNonNull(message, "message");
  }
}
