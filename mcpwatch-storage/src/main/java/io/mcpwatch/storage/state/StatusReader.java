package io.mcpwatch.storage.state;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.notify.OutboxHealth;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.notify.JdbcOutbox;
import io.mcpwatch.storage.notify.JdbcSubscriptionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Read-side queries for {@code mcpwatch status}: works on a {@link Database#openReadOnly} database
 * while the service writes (SQLite WAL: readers see the last commit and never block the writer) and
 * after it stopped, and on the service's own database.
 */
public final class StatusReader {

  /** At most this many failed or stuck notifications are listed ({@link StatusReport#undelivered}). */
  public static final int UNDELIVERED_LIMIT = 20;

  private final Database db;

  public StatusReader(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * The whole status, from one commit.
   *
   * @param now for the age of the oldest pending notification
   * @param extraRangeDatapoints the engine's evaluation range is N plus this many periods
   *     (EngineOptions: 2 by default)
   * @param stuckAfterAttempts a pending notification with this many attempts is "stuck"
   */
  public StatusReport report(Instant now, int extraRangeDatapoints, int stuckAfterAttempts) {
    return report(now, extraRangeDatapoints, stuckAfterAttempts, (env, alarmName) -> true);
  }

  /**
   * The whole status, from one commit, with minute aggregates read only for the alarms {@code
   * withMinutes} accepts (env, alarm name): the others come with none, so the status of one app
   * among 10,000 alarms reads a few series, not all of them.
   */
  public StatusReport report(
      Instant now,
      int extraRangeDatapoints,
      int stuckAfterAttempts,
      BiPredicate<String, String> withMinutes) {
    return report(now, extraRangeDatapoints, stuckAfterAttempts, withMinutes, null);
  }

  /**
   * The status with only the alarms named in {@code onlyNames} (all when null), read by name (an
   * index lookup each), and minute aggregates for those {@code withMinutes} accepts: {@code status
   * --app} among 10,000 alarms reads a handful of rows.
   */
  public StatusReport report(
      Instant now,
      int extraRangeDatapoints,
      int stuckAfterAttempts,
      BiPredicate<String, String> withMinutes,
      @Nullable Collection<String> onlyNames) {
    if (extraRangeDatapoints < 0) {
      throw new IllegalArgumentException(
          "extraRangeDatapoints must be at least 0; found " + extraRangeDatapoints);
    }
    return db.read(
        c -> {
          long seq = 0;
          @Nullable Instant committedAt = null;
          @Nullable Instant nextBoundary = null;
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT commit_seq, committed_ms, next_boundary_ms"
                          + " FROM engine_meta WHERE id = 1")) {
            if (rs.next()) {
              seq = rs.getLong(1);
              committedAt = Instant.ofEpochMilli(rs.getLong(2));
              nextBoundary = Instant.ofEpochMilli(rs.getLong(3));
            }
          }
          List<AlarmView> alarms =
              nextBoundary == null
                  ? List.of()
                  : alarms(
                      c, nextBoundary.toEpochMilli(), extraRangeDatapoints, withMinutes,
                      onlyNames);
          OutboxHealth outbox = new JdbcOutbox(db).health(now, stuckAfterAttempts);
          List<Subscription> subscriptions = new JdbcSubscriptionStore(db).all();
          return new StatusReport(
              seq,
              committedAt,
              nextBoundary,
              alarms,
              removed(c),
              checkpoints(c),
              outbox,
              subscriptions,
              undelivered(c, stuckAfterAttempts));
        });
  }

  /**
   * An alarm's history, newest first (as DescribeAlarmHistory), also for removed alarms.
   *
   * @param limit at most this many items
   */
  public List<HistoryItem> history(String env, String alarmName, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT alarm_name, alarm_type, ts_ms,"
                      + " item_type, summary, history_data FROM alarm_history WHERE env = ? AND"
                      + " alarm_name = ? ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, env);
            ps.setString(2, alarmName);
            ps.setInt(3, Math.max(0, limit));
            List<HistoryItem> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(StateSql.historyItem(rs, 1));
              }
            }
            return out;
          }
        });
  }

  /** The newest failed and stuck notifications, with the cause of their last attempt. */
  private static List<Undelivered> undelivered(Connection c, int stuckAfterAttempts)
      throws SQLException {
    List<Undelivered> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT status, alarm_name, kind, subject, protocol, endpoint, created_ms, attempts,"
                + " last_error FROM outbox_item WHERE status = 'FAILED' OR (status = 'PENDING'"
                + " AND attempts >= ?) ORDER BY seq DESC LIMIT ?")) {
      ps.setInt(1, stuckAfterAttempts);
      ps.setInt(2, UNDELIVERED_LIMIT);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Undelivered(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  Instant.ofEpochMilli(rs.getLong(7)),
                  rs.getInt(8),
                  rs.getString(9)));
        }
      }
    }
    return out;
  }

  private static List<AlarmView> alarms(
      Connection c,
      long nextBoundary,
      int extra,
      BiPredicate<String, String> withMinutes,
      @Nullable Collection<String> onlyNames)
      throws SQLException {
    List<AlarmView> out = new ArrayList<>();
    StringBuilder in = new StringBuilder();
    if (onlyNames != null) {
      for (int i = 0; i < onlyNames.size(); i++) {
        in.append(i == 0 ? "?" : ", ?");
      }
    }
    String where =
        onlyNames == null
            ? ""
            : onlyNames.isEmpty() ? " AND 1 = 0" : " AND alarm_name IN (" + in + ")";
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT env, alarm_name, state_value, state_reason,"
                + " state_reason_data, transitioned_ms, last_evaluated_ms, matched_events,"
                + " period_seconds, evaluation_periods, series_key FROM alarm_state"
                + " WHERE ord_no IS NOT NULL" + where + " ORDER BY ord_no")) {
      if (onlyNames != null) {
        int p = 1;
        for (String name : onlyNames) {
          st.setString(p++, name);
        }
      }
      ResultSet rs = st.executeQuery();
      while (rs.next()) {
        long lastEvaluated = rs.getLong(7);
        boolean neverEvaluated = rs.wasNull();
        int period = rs.getInt(9);
        int n = rs.getInt(10);
        long step = period < 60 ? 10_000L : 60_000L;
        // an idle alarm is not re-evaluated while nothing reaches its series (the engine skips
        // it: each evaluation would decide the same), so its row keeps the last evaluation that
        // ran; like every alarm evaluated once, it is decided at each boundary the engine passed
        Instant evaluated = neverEvaluated ? null : Instant.ofEpochMilli(
            Math.max(lastEvaluated, Math.floorDiv(nextBoundary - 1, step) * step));
        long end = Math.floorDiv(nextBoundary + step - 1, step) * step;
        long start = end - (long) (n + extra) * period * 1000L;
        out.add(
            new AlarmView(
                rs.getString(1),
                rs.getString(2),
                AlarmState.valueOf(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                Instant.ofEpochMilli(rs.getLong(6)),
                evaluated,
                rs.getLong(8),
                period,
                n,
                Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(end),
                withMinutes.test(rs.getString(1), rs.getString(2))
                    ? minutes(c, rs.getString(11), start, end)
                    : List.of()));
      }
      rs.close();
    }
    return out;
  }

  /** The series' buckets in [start, end), summed per minute. */
  private static List<MinuteAggregate> minutes(Connection c, String seriesKey, long start, long end)
      throws SQLException {
    List<MinuteAggregate> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT b.start_ms, b.sample_sum, b.sample_count, b.sample_min, b.sample_max FROM"
                + " metric_bucket b JOIN metric_series s ON s.id = b.series_id WHERE s.series_key ="
                + " ? AND b.start_ms >= ? AND b.start_ms < ? ORDER BY b.start_ms")) {
      ps.setString(1, seriesKey);
      ps.setLong(2, start);
      ps.setLong(3, end);
      try (ResultSet rs = ps.executeQuery()) {
        MinuteSum m = null;
        while (rs.next()) {
          long minute = Math.floorDiv(rs.getLong(1), 60_000L) * 60_000L;
          if (m != null && m.start != minute) {
            out.add(m.toAggregate());
            m = null;
          }
          if (m == null) {
            m = new MinuteSum(minute);
          }
          m.add(
              Doubles.get(rs, 2, false),
              rs.getLong(3),
              Doubles.get(rs, 4, false),
              Doubles.get(rs, 5, false));
        }
        if (m != null) {
          out.add(m.toAggregate());
        }
      }
    }
    return out;
  }

  private static List<RemovedAlarm> removed(Connection c) throws SQLException {
    List<RemovedAlarm> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT env, alarm_name, state_value, removed_ms FROM alarm_state WHERE ord_no IS"
                    + " NULL ORDER BY removed_ms DESC, env, alarm_name")) {
      while (rs.next()) {
        out.add(
            new RemovedAlarm(
                rs.getString(1),
                rs.getString(2),
                AlarmState.valueOf(rs.getString(3)),
                Instant.ofEpochMilli(rs.getLong(4))));
      }
    }
    return out;
  }

  private static List<CheckpointView> checkpoints(Connection c) throws SQLException {
    List<CheckpointView> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT source_key, kind, body, updated_ms FROM"
                    + " source_checkpoint ORDER BY source_key")) {
      while (rs.next()) {
        out.add(
            new CheckpointView(
                rs.getString(1),
                StateSql.checkpoint(rs.getString(2), rs.getString(3)),
                Instant.ofEpochMilli(rs.getLong(4))));
      }
    }
    return out;
  }

  private static final class MinuteSum {
    final long start;
    double sum;
    long count;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    MinuteSum(long start) {
      this.start = start;
    }

    void add(double s, long n, double lo, double hi) {
      sum += s;
      count += n;
      min = Math.min(min, lo);
      max = Math.max(max, hi);
    }

    MinuteAggregate toAggregate() {
      return new MinuteAggregate(Instant.ofEpochMilli(start), sum, count, min, max);
    }
  }

  @Override
  public String toString() {
    return "StatusReader[" + db + "]";
  }
}
