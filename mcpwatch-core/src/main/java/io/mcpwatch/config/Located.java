package io.mcpwatch.config;

import java.util.Objects;

/**
 * A configuration value with the key path and position it was written at, so that later checks
 * (resolution, lint) can point at it. Built-in defaults have line 0.
 *
 * @param value the bound value
 * @param path the key path, e.g. {@code alarms.errors.pattern}
 * @param line 1-based line, or 0 for a built-in default
 * @param column 1-based column of the value
 * @param textColumn the column where a string value's characters start verbatim, or 0 (see {@link
 *     ConfigNode.ScalarNode#textColumn()})
 */
public record Located<T>(T value, String path, int line, int column, int textColumn) {

  public Located {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(path, "path");
  }

  /** A built-in default (no position in the file). */
  public static <T> Located<T> builtin(T value, String key) {
    return new Located<>(value, key, 0, 0, 0);
  }

  /** The value as written at {@code node}. */
  public static <T> Located<T> at(T value, String path, ConfigNode node) {
    int text =
        node instanceof ConfigNode.ScalarNode ? ((ConfigNode.ScalarNode) node).textColumn() : 0;
    return new Located<>(value, path, node.line(), node.column(), text);
  }

  /** Whether the value comes from the file (not a built-in default). */
  public boolean inFile() {
    return line > 0;
  }

  /**
   * The file column of the {@code index}-th (1-based) character of a string value, when it is
   * written verbatim; otherwise the value's own column.
   */
  public int columnAt(int index) {
    return textColumn > 0 && index > 0 ? textColumn + index - 1 : column;
  }

  /** The same position with another value. */
  public <U> Located<U> with(U newValue) {
    return new Located<>(newValue, path, line, column, textColumn);
  }

  /** An error at this value. */
  public ConfigError error(String message) {
    return new ConfigError(path, line, column, message);
  }
}
