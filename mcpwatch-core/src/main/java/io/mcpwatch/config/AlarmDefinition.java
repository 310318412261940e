package io.mcpwatch.config;

import java.util.Objects;

/**
 * One entry of {@code alarms}: a metric filter plus an alarm that every app in every environment
 * inherits.
 *
 * @param name the alarm key, substituted for {@code {alarm}}, e.g. {@code http-5xx}
 * @param settings the fields written under the key
 * @param path key path, e.g. {@code alarms.http-5xx}
 * @param line 1-based line of the key
 * @param column 1-based column of the key
 */
public record AlarmDefinition(
    String name, AlarmSettings settings, String path, int line, int column) {
  public AlarmDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(path, "path");
  }
}
