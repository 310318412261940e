package io.mcpwatch.configfile;

import io.mcpwatch.config.McpwatchConfig;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.lint.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A configuration without errors, ready to run.
 *
 * @param file the file it was read from
 * @param config the bound configuration (topics, subscribers, environments, apps)
 * @param alarms every resolved alarm, environment x app x alarm
 * @param findings lint warnings and infos (never errors), for commands to print
 */
public record LoadedConfig(
    Path file, McpwatchConfig config, List<ResolvedAlarm> alarms, List<Finding> findings) {
  public LoadedConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(config, "config");
    alarms = List.copyOf(alarms);
    findings = List.copyOf(findings);
  }
}
