package io.mcpwatch.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One (environment, app, alarm) combination with its merged settings, resolved or not: the linter's
 * view, which also covers combinations whose values were wrong.
 *
 * @param env the environment
 * @param app the app
 * @param definition the alarm definition
 * @param settings built-in defaults, {@code defaults}, the definition, the app's alarm fields and
 *     the matching overrides, merged in that order
 * @param enabled false when {@code enabled: false} leaves the combination out
 * @param resolved the resolved alarm, or null when disabled or when a value is wrong
 */
public record AlarmInstance(
    Environment env,
    App app,
    AlarmDefinition definition,
    AlarmSettings settings,
    boolean enabled,
    @Nullable ResolvedAlarm resolved) {
  public AlarmInstance {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(settings, "settings");
  }

  /** {@code env/app/alarm}, for messages. */
  public String label() {
    return env.name() + "/" + app.name() + "/" + definition.name();
  }
}
