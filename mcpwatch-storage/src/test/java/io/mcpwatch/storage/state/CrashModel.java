package io.mcpwatch.storage.state;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.engine.EngineSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state after commit n, as a pure function of n, sized like the ADR configuration (32 alarms,
 * 32 series): alarm states cycle, history items appear and age out, a 10-minute bucket window
 * slides, the file checkpoint advances and every commit adds one outbox item. History items are
 * cached so successive snapshots share them, as the engine's do.
 */
final class CrashModel {

  static final int ALARMS = 32;
  static final int SERIES = 32;

  private final Map<Long, HistoryItem> items = new HashMap<>();

  static Instant at(long seconds) {
    return Fixtures.T0.plusSeconds(seconds);
  }

  StateCommit commit(long n) {
    return new StateCommit(
        snapshot(n),
        checkpoints(n),
        List.of(Fixtures.outboxItem("o-" + n, at(n), "a" + (n % ALARMS))));
  }

  EngineSnapshot snapshot(long n) {
    List<EngineSnapshot.AlarmSnapshot> alarms = new ArrayList<>();
    for (int i = 0; i < ALARMS; i++) {
      List<HistoryItem> history = new ArrayList<>();
      for (long j = Math.max(1, n - 8); j <= n; j++) {
        if ((j + i) % 3 == 0) {
          history.add(item(i, j));
        }
      }
      String name = "a" + i;
      alarms.add(
          new EngineSnapshot.AlarmSnapshot(
              "prod",
              name,
              Fixtures.spec(name, 60, 3, i),
              AlarmState.values()[(int) ((n + i) % 3)],
              "reason " + n,
              n % 2 == 0 ? null : "{}",
              at(n).toEpochMilli(),
              at(n - 1).toEpochMilli(),
              n * i,
              history));
    }
    List<EngineSnapshot.SeriesSnapshot> series = new ArrayList<>();
    long last = n / 4;
    for (int s = 0; s < SERIES; s++) {
      List<EngineSnapshot.Bucket> buckets = new ArrayList<>();
      for (long m = Math.max(0, last - 10); m <= last; m++) {
        double sum = n + m + s * 0.5;
        buckets.add(
            new EngineSnapshot.Bucket(at(m * 60).toEpochMilli(), sum, 1 + n % 7, -sum, sum));
      }
      series.add(
          new EngineSnapshot.SeriesSnapshot(Fixtures.metric("prod", "s" + s), null, buckets));
    }
    return new EngineSnapshot(at(n).toEpochMilli(), alarms, series);
  }

  static Map<String, SourceCheckpoint> checkpoints(long n) {
    return Map.of(
        "tail:app",
        SourceCheckpoint.files(List.of(Fixtures.file("/var/log/app.log", n * 100))),
        "stdin",
        SourceCheckpoint.opaque(Long.toString(n)));
  }

  static List<String> outboxIds(long n) {
    List<String> ids = new ArrayList<>();
    for (long i = 1; i <= n; i++) {
      ids.add("o-" + i);
    }
    return ids;
  }

  private HistoryItem item(int alarm, long j) {
    return items.computeIfAbsent(
        j * ALARMS + alarm, k -> Fixtures.item("a" + alarm, at(j), "step " + j));
  }
}
