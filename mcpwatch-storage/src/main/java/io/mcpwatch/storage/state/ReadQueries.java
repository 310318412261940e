package io.mcpwatch.storage.state;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.metrics.MetricKey;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The queries behind the read model ({@code io.mcpwatch.readmodel}): cheap, indexed reads that work
 * on a {@link Database#openReadOnly} database while the service writes.
 *
 * <p><b>Datapoint history.</b> Every bucket the engine ever committed stays in {@code
 * metric_bucket} after the engine evicts it (a commit deletes only buckets inside the series' live
 * range), until pruning removes those older than {@code retention.aggregates} (15 days by default,
 * as CloudWatch keeps 1-minute data). {@link #minutes} sums them per minute, so charts and
 * GetMetricData see up to 15 days back.
 */
public final class ReadQueries {
  private static final long SERIES_REFRESH_NANOS = 1_000_000_000L;

  private final Database db;
  /** Series ids by metric identity (env, namespace, name, dimensions JSON); ids never change. */
  private Map<String, List<Long>> seriesIds = Map.of();
  private long seriesReadNanos;
  private boolean seriesRead;

  /** Queries on {@code db}; keep one instance to reuse its cache of series ids (thread-safe). */
  public ReadQueries(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** The last commit's number, or 0 before the first commit. */
  public long commitNumber() {
    return db.read(
        c -> {
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT commit_seq FROM engine_meta WHERE id = 1")) {
            return rs.next() ? rs.getLong(1) : 0L;
          }
        });
  }

  /** Every configured alarm (removed ones left out), in configuration order; one query. */
  public List<StoredAlarm> alarms() {
    return db.read(
        c -> {
          List<StoredAlarm> out = new ArrayList<>();
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT env, alarm_name, state_value, state_reason, state_reason_data,"
                          + " transitioned_ms, last_evaluated_ms, matched_events FROM alarm_state"
                          + " WHERE ord_no IS NOT NULL ORDER BY ord_no")) {
            while (rs.next()) {
              long evaluated = rs.getLong(7);
              Instant lastEvaluated = rs.wasNull() ? null : Instant.ofEpochMilli(evaluated);
              out.add(
                  new StoredAlarm(
                      rs.getString(1),
                      rs.getString(2),
                      AlarmState.valueOf(rs.getString(3)),
                      rs.getString(4),
                      rs.getString(5),
                      Instant.ofEpochMilli(rs.getLong(6)),
                      lastEvaluated,
                      rs.getLong(8)));
            }
          }
          return out;
        });
  }

  /**
   * The metric's stored samples with a bucket start in {@code [from, to)}, summed per minute (over
   * its 10 s buckets and over units), oldest first; minutes without samples are left out.
   */
  public List<MinuteAggregate> minutes(MetricKey metric, Instant from, Instant to) {
    String key =
        metric.env() + '\u0000' + metric.namespace() + '\u0000' + metric.metricName() + '\u0000'
            + StateJson.dimensions(metric.dimensions());
    List<Long> ids = seriesIds(key);
    if (ids.isEmpty()) {
      return List.of();
    }
    return db.read(
        c -> {
          List<MinuteAggregate> out = new ArrayList<>();
          StringBuilder in = new StringBuilder();
          for (int i = 0; i < ids.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT start_ms, sample_sum, sample_count, sample_min, sample_max"
                      + " FROM metric_bucket WHERE series_id IN (" + in
                      + ") AND start_ms >= ? AND start_ms < ? ORDER BY start_ms")) {
            int p = 1;
            for (long id : ids) {
              ps.setLong(p++, id);
            }
            ps.setLong(p++, from.toEpochMilli());
            ps.setLong(p, to.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
              long minute = Long.MIN_VALUE;
              double sum = 0;
              long count = 0;
              double min = Double.POSITIVE_INFINITY;
              double max = Double.NEGATIVE_INFINITY;
              while (rs.next()) {
                long m = Math.floorDiv(rs.getLong(1), 60_000L) * 60_000L;
                long n = rs.getLong(3);
                if (m != minute) {
                  if (count > 0) {
                    out.add(new MinuteAggregate(Instant.ofEpochMilli(minute), sum, count, min, max));
                  }
                  minute = m;
                  sum = 0;
                  count = 0;
                  min = Double.POSITIVE_INFINITY;
                  max = Double.NEGATIVE_INFINITY;
                }
                if (n <= 0) {
                  continue;
                }
                sum += Doubles.get(rs, 2, false);
                count += n;
                min = Math.min(min, Doubles.get(rs, 4, false));
                max = Math.max(max, Doubles.get(rs, 5, false));
              }
              if (count > 0) {
                out.add(new MinuteAggregate(Instant.ofEpochMilli(minute), sum, count, min, max));
              }
            }
          }
          return out;
        });
  }

  /**
   * The series of a metric (one per unit). Read from {@code metric_series} once, and again at most
   * once a second when a metric is not found (a series the engine created since).
   */
  private synchronized List<Long> seriesIds(String key) {
    List<Long> ids = seriesIds.get(key);
    if (ids != null) {
      return ids;
    }
    long now = System.nanoTime();
    if (seriesRead && now - seriesReadNanos < SERIES_REFRESH_NANOS) {
      return List.of();
    }
    seriesReadNanos = now;
    seriesRead = true;
    seriesIds =
        db.read(
            c -> {
              Map<String, List<Long>> m = new HashMap<>();
              try (Statement st = c.createStatement();
                  ResultSet rs =
                      st.executeQuery(
                          "SELECT id, env, namespace, metric_name, dimensions_json"
                              + " FROM metric_series")) {
                while (rs.next()) {
                  String k =
                      rs.getString(2) + '\u0000' + rs.getString(3) + '\u0000' + rs.getString(4)
                          + '\u0000' + rs.getString(5);
                  m.computeIfAbsent(k, x -> new ArrayList<>(1)).add(rs.getLong(1));
                }
              }
              return m;
            });
    return seriesIds.getOrDefault(key, List.of());
  }

  /**
   * The alarm notifications planned for {@code alarmName} (confirmation requests left out), newest
   * first.
   *
   * @param limit at most this many
   */
  public List<StoredDelivery> deliveries(String alarmName, int limit) {
    return db.read(
        c -> {
          List<StoredDelivery> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT protocol, endpoint, created_ms, status, attempts, last_error"
                      + " FROM outbox_item WHERE alarm_name = ? ORDER BY seq DESC LIMIT ?")) {
            ps.setString(1, alarmName);
            ps.setInt(2, Math.max(0, limit));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new StoredDelivery(
                        rs.getString(1),
                        rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getString(6)));
              }
            }
          }
          return out;
        });
  }

  @Override
  public String toString() {
    return "ReadQueries[" + db + "]";
  }
}
