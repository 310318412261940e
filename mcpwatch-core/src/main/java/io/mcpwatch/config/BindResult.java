package io.mcpwatch.config;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link ConfigBinder#bind}: the configuration as far as it could be bound, and
 * every error found, in document order.
 */
public record BindResult(McpwatchConfig config, List<ConfigError> errors) {
  public BindResult {
    Objects.requireNonNull(config, "config");
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }
}
