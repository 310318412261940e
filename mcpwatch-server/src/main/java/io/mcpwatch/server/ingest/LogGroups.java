package io.mcpwatch.server.ingest;

import io.mcpwatch.config.LogGroupNames;
import io.mcpwatch.server.web.Escape;
import org.jspecify.annotations.Nullable;

/** CloudWatch Logs' log group name rule: 1-512 characters of {@code [.-_/#A-Za-z0-9]}. */
final class LogGroups {
  static final int MAX_LENGTH = 512;

  private LogGroups() {}

  /** Null when {@code name} is a valid log group name, otherwise what is wrong with it. */
  static @Nullable String problem(String name) {
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      return "expected 1-" + MAX_LENGTH + " characters; found " + name.length();
    }
    if (LogGroupNames.firstDisallowed(name) >= 0) {
      return "expected only letters, digits and . - _ / #; found " + Escape.quoted(name, 80);
    }
    return null;
  }
}
