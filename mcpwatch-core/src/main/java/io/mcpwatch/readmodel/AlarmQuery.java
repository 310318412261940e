package io.mcpwatch.readmodel;

import io.mcpwatch.alarm.AlarmState;
import org.jspecify.annotations.Nullable;

/**
 * Which alarms to list and which page of them.
 *
 * @param env only this environment, or null for all
 * @param app only this app, or null for all
 * @param state only this state, or null for all
 * @param search only names containing this text (case-insensitive), or null/empty for all
 * @param offset skip this many matching alarms (0 or more)
 * @param limit at most this many (1 to {@value #MAX_LIMIT})
 */
public record AlarmQuery(
    @Nullable String env,
    @Nullable String app,
    @Nullable AlarmState state,
    @Nullable String search,
    int offset,
    int limit) {

  public static final int MAX_LIMIT = 1000;

  public AlarmQuery {
    if (offset < 0) {
      throw new IllegalArgumentException("offset: expected 0 or more; found " + offset);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: expected 1-" + MAX_LIMIT + "; found " + limit);
    }
  }

  /** The first {@code limit} alarms, unfiltered. */
  public static AlarmQuery all(int limit) {
    return new AlarmQuery(null, null, null, null, 0, limit);
  }

  /** Whether {@code a} passes the filters (paging aside). */
  public boolean matches(AlarmSummary a) {
    if (env != null && !env.equals(a.env())) {
      return false;
    }
    if (app != null && !app.equals(a.app())) {
      return false;
    }
    if (state != null && state != a.state()) {
      return false;
    }
    String s = search;
    if (s == null || s.isEmpty()) {
      return true;
    }
    return a.name().toLowerCase(java.util.Locale.ROOT).contains(s.toLowerCase(java.util.Locale.ROOT));
  }
}
