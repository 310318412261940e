package io.mcpwatch.config;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code overrides}: alarm fields applied to the (env, app, alarm) combinations it
 * selects. Overrides apply in file order; a later one wins.
 *
 * @param envs selected environments, or null for all
 * @param apps selected apps, or null for all
 * @param alarms selected alarms, or null for all
 * @param settings the alarm fields to apply
 * @param path key path, e.g. {@code overrides[0]}
 * @param line 1-based line
 * @param column 1-based column
 */
public record AlarmOverride(
    @Nullable Set<String> envs,
    @Nullable Set<String> apps,
    @Nullable Set<String> alarms,
    AlarmSettings settings,
    String path,
    int line,
    int column) {
  public AlarmOverride {
    envs = envs == null ? null : Set.copyOf(envs);
    apps = apps == null ? null : Set.copyOf(apps);
    alarms = alarms == null ? null : Set.copyOf(alarms);
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(path, "path");
  }

  /** Whether this override applies to the combination. */
  public boolean selects(String env, String app, String alarm) {
    return (envs == null || envs.contains(env))
        && (apps == null || apps.contains(app))
        && (alarms == null || alarms.contains(alarm));
  }
}
