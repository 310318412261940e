package io.mcpwatch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code -c FILE} option of every command that reads the configuration: the same name, default
 * ({@code mcpwatch.yaml}, what {@code mcpwatch init} writes) and help text everywhere.
 */
final class ConfigOption {
  static final String DEFAULT = "mcpwatch.yaml";

  @Option(
      names = {"-c", "--config"},
      defaultValue = DEFAULT,
      paramLabel = "FILE",
      description = "The configuration file (default: ${DEFAULT-VALUE}; see mcpwatch init).")
  Path config;
}
