package io.mcpwatch.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One environment (dev, prod): every app runs in it and its alarms notify its topic by default.
 *
 * @param name the environment name, substituted for {@code {env}}
 * @param topic the name of its topic (also substituted for {@code {topic}}), or null when invalid
 * @param path key path, e.g. {@code environments.prod}
 * @param line 1-based line of the name
 * @param column 1-based column of the name
 */
public record Environment(
    String name, @Nullable Located<String> topic, String path, int line, int column) {
  public Environment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
  }
}
