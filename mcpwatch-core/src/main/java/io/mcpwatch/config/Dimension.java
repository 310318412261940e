package io.mcpwatch.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code dimensions} or {@code alarmDimensions} entry. Under {@code dimensions}, a value
 * starting with {@code $} is a field reference that the metric filter extracts from each event
 * (CloudWatch's only kind; every distinct value is its own metric); any other value is a static
 * value (with placeholders such as {@code {app}}) that mcpwatch adds to every sample itself and
 * that the alarm watches. Under {@code alarmDimensions}, the value is the one the alarm watches for
 * the field dimension of that name (CloudWatch's alarm names the full dimension set). A null value
 * removes an inherited entry.
 *
 * @param name the dimension name, where it is written
 * @param value the value, or null to remove the dimension
 */
public record Dimension(Located<String> name, @Nullable Located<String> value) {
  public Dimension {
    Objects.requireNonNull(name, "name");
  }

  /** Whether the value is taken from the event ({@code $field}). */
  public boolean isFieldReference() {
    return value != null && value.value().startsWith("$");
  }
}
