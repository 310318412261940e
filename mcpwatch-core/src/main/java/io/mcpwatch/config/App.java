package io.mcpwatch.config;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One MCP app. Written as a bare name ({@code sharepoint}) or a map ({@code { name: databricks,
 * alarms: { errors: { pattern: ... } } }}).
 *
 * @param name the app name, substituted for {@code {app}}
 * @param logGroup this app's log-group template, or null for the top-level one
 * @param environments the environments the app runs in, or null for all
 * @param alarms per-alarm settings that override the alarm definitions for this app
 * @param path key path, e.g. {@code apps[2]}
 * @param line 1-based line
 * @param column 1-based column
 */
public record App(
    String name,
    @Nullable Located<String> logGroup,
    @Nullable Set<String> environments,
    Map<String, AlarmSettings> alarms,
    String path,
    int line,
    int column) {
  public App {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    environments = environments == null ? null : Set.copyOf(environments);
    alarms = Map.copyOf(alarms);
  }

  /** Whether the app runs in {@code env}. */
  public boolean runsIn(String env) {
    return environments == null || environments.contains(env);
  }
}
