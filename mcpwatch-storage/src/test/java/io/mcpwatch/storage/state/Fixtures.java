package io.mcpwatch.storage.state;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.metrics.MetricKey;
import io.mcpwatch.notify.MessageKind;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.OutboxStatus;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.source.tail.FileCheckpoint;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.Durability;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builders for snapshots, checkpoints and outbox items; a database in a temp directory. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private Fixtures() {}

  static Database sqlite(Path dir) {
    return Database.open(
        DatabaseConfig.sqlite(dir.resolve("state.db")).withDurability(Durability.PROCESS_CRASH));
  }

  static AlarmSpec spec(String name, int periodSeconds, int n, double threshold) {
    return new AlarmSpec(
        name,
        "desc of " + name,
        "MCP/Security",
        "Errors",
        Map.of("Server", "teams"),
        Statistic.Sum,
        periodSeconds,
        n,
        n > 1 ? 1 : null,
        ComparisonOperator.GreaterThanOrEqualToThreshold,
        threshold,
        TreatMissingData.notBreaching,
        true,
        List.of("arn:aws:sns:eu-west-1:123456789012:sec"),
        List.of(),
        List.of(),
        null);
  }

  static HistoryItem item(String alarm, Instant at, String summary) {
    return new HistoryItem(
        alarm,
        "MetricAlarm",
        at,
        HistoryItem.Type.StateUpdate,
        summary,
        "{\"version\":\"1.0\",\"summary\":\"" + summary + "\"}");
  }

  static EngineSnapshot.AlarmSnapshot alarm(
      String env, String name, AlarmState state, List<HistoryItem> history) {
    return new EngineSnapshot.AlarmSnapshot(
        env,
        name,
        spec(name, 60, 3, 5),
        state,
        "reason for " + state,
        state == AlarmState.INSUFFICIENT_DATA ? null : "{\"x\":1}",
        T0.toEpochMilli(),
        T0.plusSeconds(60).toEpochMilli(),
        7,
        history);
  }

  static MetricKey metric(String env, String server) {
    return new MetricKey(env, "MCP/Security", "Errors", Map.of("Server", server));
  }

  static EngineSnapshot.Bucket bucket(Instant start, double sum, long count) {
    return new EngineSnapshot.Bucket(start.toEpochMilli(), sum, count, sum / count, sum);
  }

  static FileCheckpoint file(String path, long offset) {
    return new FileCheckpoint(path, "2049:" + path.length(), offset, 64, "ab12cd");
  }

  static OutboxItem outboxItem(String id, Instant createdAt, @Nullable String alarm) {
    return new OutboxItem(
        id,
        "msg-" + id,
        MessageKind.NOTIFICATION,
        Protocol.EMAIL,
        "ops@example.com",
        "arn:aws:sns:eu-west-1:123456789012:sec",
        "arn:aws:sns:eu-west-1:123456789012:sec:sub-1",
        alarm,
        "ALARM: \"" + alarm + "\"",
        "body of " + id,
        "https://mcpwatch.example/unsubscribe?x",
        "Security",
        createdAt,
        OutboxStatus.PENDING,
        0,
        createdAt,
        null);
  }

  static long count(Database db, String sql) {
    return db.read(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  static void execute(Database db, String sql) {
    db.transaction(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(sql);
          }
          return null;
        });
  }

  /** A clock tests move by hand. */
  static final class ManualClock implements InstantSource {
    private Instant now;

    ManualClock(Instant start) {
      this.now = start;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    void set(Instant t) {
      now = t;
    }
  }
}
