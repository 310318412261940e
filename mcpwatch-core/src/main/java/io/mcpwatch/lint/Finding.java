package io.mcpwatch.lint;

import java.util.Comparator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One lint finding.
 *
 * @param severity how serious it is
 * @param rule the rule's id, e.g. {@code bare-level-term}
 * @param path the key path, e.g. {@code alarms.errors.pattern}
 * @param line 1-based line, or 0 when not tied to the file
 * @param column 1-based column, or 0
 * @param message what is wrong
 * @param suggestion what to write instead, or null
 */
public record Finding(
    Severity severity,
    String rule,
    String path,
    int line,
    int column,
    String message,
    @Nullable String suggestion)
    implements Comparable<Finding> {

  private static final Comparator<Finding> ORDER =
      Comparator.comparingInt(Finding::line)
          .thenComparingInt(Finding::column)
          .thenComparing(Finding::severity)
          .thenComparing(Finding::rule)
          .thenComparing(Finding::message);

  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public int compareTo(Finding o) {
    return ORDER.compare(this, o);
  }
}
