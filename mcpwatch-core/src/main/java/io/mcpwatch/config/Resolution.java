package io.mcpwatch.config;

import java.util.List;

/**
 * The outcome of {@link ConfigResolver#resolve}: every combination (for the linter), the alarms
 * that resolved (environment x app x alarm order), and the errors found while resolving.
 */
public record Resolution(
    List<AlarmInstance> instances, List<ResolvedAlarm> alarms, List<ConfigError> errors) {
  public Resolution {
    instances = List.copyOf(instances);
    alarms = List.copyOf(alarms);
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }
}
