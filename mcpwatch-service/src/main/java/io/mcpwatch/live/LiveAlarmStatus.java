package io.mcpwatch.live;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.server.status.AlarmStatus;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The alarm pages' data: what {@code mcpwatch status} shows, read from the service's own database
 * through a second, read-only connection (opened on first use), so a page view never holds the
 * engine's commits up.
 */
final class LiveAlarmStatus implements AlarmStatus, AutoCloseable {
  private final DatabaseConfig config;
  private final Supplier<List<ResolvedAlarm>> alarms;
  private final int extraRangeDatapoints;
  private final InstantSource clock;
  private @Nullable Database db;
  private boolean closed;

  LiveAlarmStatus(
      DatabaseConfig config,
      Supplier<List<ResolvedAlarm>> alarms,
      int extraRangeDatapoints,
      InstantSource clock) {
    this.config = config;
    this.alarms = alarms;
    this.extraRangeDatapoints = extraRangeDatapoints;
    this.clock = clock;
  }

  @Override
  public synchronized @Nullable String render(@Nullable String alarmName, boolean json) {
    if (closed) {
      throw new IllegalStateException("the service is stopping");
    }
    List<ResolvedAlarm> configured = alarms.get();
    if (alarmName != null
        && configured.stream().noneMatch(a -> a.spec().alarmName().equals(alarmName))) {
      return null;
    }
    Database d = db;
    if (d == null) {
      d = Database.openReadOnly(config);
      db = d;
    }
    StatusView view =
        StatusView.read(
            d,
            configured,
            a -> alarmName == null || a.spec().alarmName().equals(alarmName),
            extraRangeDatapoints,
            clock.instant());
    return json ? view.json() : view.text();
  }

  @Override
  public synchronized void close() {
    closed = true;
    Database d = db;
    db = null;
    if (d != null) {
      d.close();
    }
  }
}
