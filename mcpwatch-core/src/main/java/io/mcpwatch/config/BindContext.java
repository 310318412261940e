package io.mcpwatch.config;

import io.mcpwatch.pattern.PatternOptions;
import java.util.ArrayList;
import java.util.List;

/** State shared by the section binders: the collected errors and the pattern options. */
final class BindContext {
  private final List<ConfigError> errors = new ArrayList<>();
  private PatternOptions patternOptions = PatternOptions.defaults();

  void error(String path, ConfigNode at, String message) {
    errors.add(new ConfigError(path, at.line(), at.column(), message));
  }

  void error(String path, int line, int column, String message) {
    errors.add(new ConfigError(path, line, column, message));
  }

  void add(ConfigError error) {
    errors.add(error);
  }

  List<ConfigError> errors() {
    return errors;
  }

  PatternOptions patternOptions() {
    return patternOptions;
  }

  void patternOptions(PatternOptions options) {
    this.patternOptions = options;
  }

  /** {@code parent.key}, or {@code key} at the top. */
  static String join(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** {@code parent[index]}. */
  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
