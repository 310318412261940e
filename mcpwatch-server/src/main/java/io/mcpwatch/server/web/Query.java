package io.mcpwatch.server.web;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reading query parameters as the adapters hand them over (name to values, in order). */
public final class Query {
  private Query() {}

  /** The first value of {@code name}, or null when absent. */
  public static @Nullable String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first value of {@code name}, or null when absent or empty. */
  public static @Nullable String nonEmpty(Map<String, List<String>> query, String name) {
    String v = first(query, name);
    return v == null || v.isEmpty() ? null : v;
  }
}
