package io.mcpwatch.config;

/**
 * CloudWatch Logs' rule for log group names: 1 to 512 characters of {@code [.\-_/#A-Za-z0-9]}. The
 * one copy of the rule; the configuration, HTTP ingest and the Logs API each word their own error.
 */
public final class LogGroupNames {
  /** The longest log group name. */
  public static final int MAX_LENGTH = 512;

  private LogGroupNames() {}

  /** Whether {@code c} may appear in a log group name. */
  public static boolean allowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '-'
        || c == '_'
        || c == '/'
        || c == '#';
  }

  /** The index of the first character not allowed in a log group name, or -1. */
  public static int firstDisallowed(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (!allowed(name.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
