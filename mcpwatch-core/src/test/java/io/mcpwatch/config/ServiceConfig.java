package io.mcpwatch.config;

import java.util.List;
import java.util.Map;

/**
 * Test helper: a small configuration with two environments (teams runs in prod only) and the
 * live-service keys given by a test on lines 7 and after.
 */
final class ServiceConfig {
  private ServiceConfig() {}

  /** The line the service keys start on. */
  static final int FIRST_LINE = 7;

  static String text(String... serviceLines) {
    return String.join(
        "\n",
        "{",
        "  namespace: 'MCP/Security', logGroup: '/ecs/{env}/{app}',",
        "  environments: { dev: { topic: 'alarms-dev', subscribers: [ { email: 'o@example.com' } ]"
            + " },",
        "    prod: { topic: 'alarms-prod', subscribers: [ { email: 'o@example.com' } ] } },",
        "  apps: [ 'sharepoint', { name: 'teams', environments: [ 'prod' ] } ],",
        "  alarms: { errors: { metric: 'Errors', pattern: 'ERROR', threshold: 1 } },",
        String.join("\n", serviceLines),
        "}");
  }

  static BindResult bind(String... serviceLines) {
    return Trees.bind(text(serviceLines));
  }

  static BindResult bindWith(Map<String, String> env, String... serviceLines) {
    return ConfigBinder.bind(Trees.parse(text(serviceLines)), env);
  }

  /** Every error as {@code LINE:COL path: message}. */
  static List<String> errors(BindResult r) {
    return r.errors().stream()
        .map(e -> e.line() + ":" + e.column() + " " + e.path() + ": " + e.message())
        .toList();
  }

  /** The errors' {@code path: message}. */
  static List<String> messages(BindResult r) {
    return r.errors().stream().map(e -> e.path() + ": " + e.message()).toList();
  }

  static Map<String, String> env(String... kv) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
