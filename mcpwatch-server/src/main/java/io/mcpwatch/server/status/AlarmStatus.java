package io.mcpwatch.server.status;

import org.jspecify.annotations.Nullable;

/**
 * What the alarm pages show, supplied by the service (which reads its own state). The e-mails' and
 * chat messages' "View this alarm" links point at these pages.
 */
@FunctionalInterface
public interface AlarmStatus {
  /**
   * The status of one alarm, or of all alarms.
   *
   * @param alarmName an alarm's name, or null for every alarm
   * @param json the JSON document ({@code mcpwatch status --format json}) instead of the text
   * @return the rendered status, or null when no alarm has that name
   */
  @Nullable String render(@Nullable String alarmName, boolean json);
}
