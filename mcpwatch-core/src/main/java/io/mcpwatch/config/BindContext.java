package io.mcpwatch.config;

import io.mcpwatch.pattern.PatternOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * State shared by the section binders: the collected errors (an error reported twice at the same
 * place is kept once), the pattern options and the environment variables that {@code ${NAME}}
 * values are resolved from.
 */
final class BindContext {
  private final Set<ConfigError> errors = new LinkedHashSet<>();
  private final Map<String, String> environment;
  private PatternOptions patternOptions = PatternOptions.defaults();

  /** A context without environment variables: every {@code ${NAME}} is reported as unset. */
  BindContext() {
    this(Map.of());
  }

  BindContext(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

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
    return new ArrayList<>(errors);
  }

  /** The value of environment variable {@code name}, or null when it is not set. */
  @Nullable String variable(String name) {
    return environment.get(name);
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
