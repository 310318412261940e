package io.mcpwatch.config;

import java.util.Comparator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One configuration mistake: the key path ({@code alarms.http-4xx.threshold}), where it is written
 * (1-based line and column; 0 when the value is a built-in default), what is wrong, and optionally
 * how to fix it.
 *
 * @param path key path, e.g. {@code alarms.errors.treshold}
 * @param line 1-based line, or 0 when not tied to the file
 * @param column 1-based column, or 0
 * @param message what is wrong, e.g. {@code unknown key (did you mean threshold?)}
 * @param hint how to fix it, or null
 */
public record ConfigError(String path, int line, int column, String message, @Nullable String hint)
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

  public ConfigError(String path, int line, int column, String message) {
    this(path, line, column, message, null);
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
