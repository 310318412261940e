package io.mcpwatch.lint;

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

  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /*
   * equals, hashCode and compareTo are written out: a record's generated equals and hashCode, and a
   * comparator chain of Comparator.comparing..., are bound through method handles the first time
   * they run (~15 ms on a cold JVM, which validate paid on its critical path and backtest beside its
   * replay). FindingTest checks that every component counts.
   */

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Finding)) {
      return false;
    }
    Finding f = (Finding) o;
    return line == f.line
        && column == f.column
        && severity == f.severity
        && rule.equals(f.rule)
        && path.equals(f.path)
        && message.equals(f.message)
        && Objects.equals(suggestion, f.suggestion);
  }

  @Override
  public int hashCode() {
    int h = severity.hashCode();
    h = 31 * h + rule.hashCode();
    h = 31 * h + path.hashCode();
    h = 31 * h + line;
    h = 31 * h + column;
    h = 31 * h + message.hashCode();
    return 31 * h + Objects.hashCode(suggestion);
  }

  /** By line, column, severity, rule and message. */
  @Override
  public int compareTo(Finding o) {
    int c = Integer.compare(line, o.line);
    if (c == 0) {
      c = Integer.compare(column, o.column);
    }
    if (c == 0) {
      c = severity.compareTo(o.severity);
    }
    if (c == 0) {
      c = rule.compareTo(o.rule);
    }
    return c != 0 ? c : message.compareTo(o.message);
  }
}
