package io.mcpwatch.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * A log event that matched the alarm's metric filter, shown to the responder.
 *
 * @param time the event's timestamp
 * @param message the log line, verbatim (it is escaped and shortened when rendered)
 */
public record TriggerLine(Instant time, String message) {
  public TriggerLine {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(message, "message");
  }
}
