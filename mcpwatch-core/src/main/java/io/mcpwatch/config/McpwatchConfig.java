package io.mcpwatch.config;

import io.mcpwatch.pattern.PatternOptions;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A bound configuration file. Values that were missing or wrong are null or left out (their errors
 * are in {@link BindResult#errors()}), so a file with mistakes still binds as far as it can and can
 * be linted.
 *
 * @param namespace the metric namespace, e.g. {@code MCP/Security}
 * @param region the AWS region the file describes (informational), or null
 * @param logGroup the log-group template with {@code {env}} and {@code {app}}
 * @param alarmName the alarm-name template with {@code {env}}, {@code {app}}, {@code {alarm}}
 * @param environments in file order
 * @param apps in file order
 * @param defaults alarm fields every alarm inherits
 * @param alarms the alarm definitions, in file order
 * @param overrides in file order (later wins)
 * @param topics every declared topic (environments' and the {@code topics} section's)
 * @param patternOptions how patterns are compiled
 * @param service how the live service runs (sources, storage, HTTP, mail, engine options)
 */
public record McpwatchConfig(
    @Nullable Located<String> namespace,
    @Nullable Located<String> region,
    @Nullable Located<String> logGroup,
    @Nullable Located<String> alarmName,
    List<Environment> environments,
    List<App> apps,
    AlarmSettings defaults,
    List<AlarmDefinition> alarms,
    List<AlarmOverride> overrides,
    List<Topic> topics,
    PatternOptions patternOptions,
    ServiceSettings service) {

  public McpwatchConfig {
    environments = List.copyOf(environments);
    apps = List.copyOf(apps);
    Objects.requireNonNull(defaults, "defaults");
    alarms = List.copyOf(alarms);
    overrides = List.copyOf(overrides);
    topics = List.copyOf(topics);
    Objects.requireNonNull(patternOptions, "patternOptions");
    Objects.requireNonNull(service, "service");
  }

  /** The topic named {@code name}, or null. */
  public @Nullable Topic topic(String name) {
    for (Topic t : topics) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
