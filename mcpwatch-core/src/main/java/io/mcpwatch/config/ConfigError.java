package io.mcpwatch.config;

import java.util.Comparator;
import java.util.Objects;

/**
 * One configuration mistake: the key path ({@code alarms.http-4xx.threshold}), where it is written
 * (1-based line and column; 0 when the value is a built-in default) and what is wrong.
 */
public record ConfigError(String path, int line, int column, String message)
    implements Comparable<ConfigError> {

  private static final Comparator<ConfigError> ORDER =
      Comparator.comparingInt(ConfigError::line)
          .thenComparingInt(ConfigError::column)
          .thenComparing(ConfigError::path)
          .thenComparing(ConfigError::message);

  public ConfigError {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** {@code FILE:LINE:COL: key.path: message} (line and column left out when unknown). */
  public String render(String file) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line).append(':').append(column);
    }
    sb.append(": ");
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }

  @Override
  public int compareTo(ConfigError o) {
    return ORDER.compare(this, o);
  }
}
