package io.mcpwatch.storage.state;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.metrics.MetricKey;
import io.mcpwatch.storage.state.Committed.AlarmId;
import io.mcpwatch.storage.state.Committed.AlarmRow;
import io.mcpwatch.storage.state.Committed.SeriesRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The SQL of the state tables: reading the committed state, writing a {@link StateDiff}. */
final class StateSql {

  private StateSql() {}

  // ------------------------------------------------------------------ read

  static Committed load(Connection c) throws SQLException {
    Committed s = new Committed();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT commit_seq, committed_ms, next_boundary_ms FROM engine_meta WHERE id ="
                    + " 1")) {
      if (rs.next()) {
        s.hasMeta = true;
        s.commitSeq = rs.getLong(1);
        s.committedAt = Instant.ofEpochMilli(rs.getLong(2));
        s.nextBoundary = rs.getLong(3);
      }
    }
    s.nextHistoryId = maxId(c, "alarm_history") + 1;
    s.nextSeriesId = maxId(c, "metric_series") + 1;
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT env, alarm_name, ord_no, spec_json, state_value, state_reason,"
                    + " state_reason_data, transitioned_ms, last_evaluated_ms, matched_events,"
                    + " history_from_id FROM alarm_state WHERE ord_no IS NOT NULL")) {
      while (rs.next()) {
        long lastEvaluated = rs.getLong(9);
        if (rs.wasNull()) {
          lastEvaluated = Long.MIN_VALUE;
        }
        long historyFrom = rs.getLong(11);
        if (rs.wasNull()) {
          historyFrom = Committed.NOT_LIVE;
        }
        s.alarms.put(
            new AlarmId(rs.getString(1), rs.getString(2)),
            new AlarmRow(
                rs.getInt(3),
                StateJson.spec(rs.getString(4)),
                AlarmState.valueOf(rs.getString(5)),
                rs.getString(6),
                rs.getString(7),
                rs.getLong(8),
                lastEvaluated,
                rs.getLong(10),
                historyFrom));
      }
    }
    Map<AlarmId, List<HistoryItem>> items = new HashMap<>();
    Map<AlarmId, List<Long>> ids = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT h.env, h.alarm_name, h.alarm_type, h.ts_ms,"
                    + " h.item_type, h.summary, h.history_data, h.id FROM alarm_history h"
                    + " JOIN alarm_state a ON a.env = h.env AND a.alarm_name = h.alarm_name"
                    + " WHERE a.ord_no IS NOT NULL AND h.id >= a.history_from_id ORDER BY h.id")) {
      while (rs.next()) {
        AlarmId id = new AlarmId(rs.getString(1), rs.getString(2));
        items.computeIfAbsent(id, k -> new ArrayList<>()).add(historyItem(rs, 2));
        ids.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getLong(8));
      }
    }
    for (Map.Entry<AlarmId, AlarmRow> e : s.alarms.entrySet()) {
      AlarmId id = e.getKey();
      List<HistoryItem> held = List.copyOf(items.getOrDefault(id, List.of()));
      s.history.put(
          id,
          new Committed.History(
              held,
              ids.getOrDefault(id, List.of()).stream().mapToLong(Long::longValue).toArray(),
              configuredMillis(c, id, held, e.getValue().transitionedMillis())));
    }
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT id, series_key, env, namespace, metric_name,"
                    + " dimensions_json, unit, ord_no, live_from_ms FROM metric_series")) {
      while (rs.next()) {
        Integer ord = rs.getInt(8);
        if (rs.wasNull()) {
          ord = null;
        }
        long liveFrom = rs.getLong(9);
        if (rs.wasNull() || ord == null) {
          liveFrom = Committed.NOT_LIVE;
        }
        SeriesRow row =
            new SeriesRow(
                rs.getLong(1),
                rs.getString(2),
                new MetricKey(
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    StateJson.dimensions(rs.getString(6))),
                rs.getString(7),
                ord,
                liveFrom);
        s.series.put(row.key(), row);
        if (ord != null) {
          s.buckets.put(row.id(), new HashMap<>());
        }
      }
    }
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT b.series_id, b.start_ms, b.sample_sum,"
                    + " b.sample_count, b.sample_min, b.sample_max, b.neg_zero FROM metric_bucket b"
                    + " JOIN metric_series s ON s.id = b.series_id WHERE s.ord_no IS NOT NULL"
                    + " AND b.start_ms >= s.live_from_ms")) {
      while (rs.next()) {
        int negZero = rs.getInt(7);
        EngineSnapshot.Bucket b =
            new EngineSnapshot.Bucket(
                rs.getLong(2),
                Doubles.get(rs, 3, (negZero & 1) != 0),
                rs.getLong(4),
                Doubles.get(rs, 5, (negZero & 2) != 0),
                Doubles.get(rs, 6, (negZero & 4) != 0));
        s.buckets.get(rs.getLong(1)).put(b.startMillis(), b);
      }
    }
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT source_key, kind, body FROM source_checkpoint")) {
      while (rs.next()) {
        s.checkpoints.put(rs.getString(1), checkpoint(rs.getString(2), rs.getString(3)));
      }
    }
    return s;
  }

  /**
   * When the alarm's configuration last changed: its newest ConfigurationUpdate item, which an
   * engine that keeps only the newest items in memory may have let go of (then read from the
   * stored history: the index on env, alarm name and id, newest first, up to that item), else the
   * first item it held, else {@code otherwise} (as {@code AlarmSnapshot.configuredMillis} derives
   * it from a history without one).
   */
  private static long configuredMillis(
      Connection c, AlarmId id, List<HistoryItem> held, long otherwise) throws SQLException {
    for (int i = held.size() - 1; i >= 0; i--) {
      if (held.get(i).type() == HistoryItem.Type.ConfigurationUpdate) {
        return held.get(i).timestamp().toEpochMilli();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ts_ms FROM alarm_history WHERE env = ? AND alarm_name = ? AND item_type = ?"
                + " ORDER BY id DESC LIMIT 1")) {
      ps.setString(1, id.env());
      ps.setString(2, id.alarmName());
      ps.setString(3, HistoryItem.Type.ConfigurationUpdate.name());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
    }
    return held.isEmpty() ? otherwise : held.get(0).timestamp().toEpochMilli();
  }

  /** A history item from columns alarm_name, alarm_type, ts_ms, item_type, summary, data. */
  static HistoryItem historyItem(ResultSet rs, int first) throws SQLException {
    return new HistoryItem(
        rs.getString(first),
        rs.getString(first + 1),
        Instant.ofEpochMilli(rs.getLong(first + 2)),
        HistoryItem.Type.valueOf(rs.getString(first + 3)),
        rs.getString(first + 4),
        rs.getString(first + 5));
  }

  static SourceCheckpoint checkpoint(String kind, String body) {
    return "files".equals(kind)
        ? StateJson.filesCheckpoint(body)
        : SourceCheckpoint.opaque(body);
  }

  private static long maxId(Connection c, String table) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ------------------------------------------------------------------ write

  static void write(Connection c, StateDiff d) throws SQLException {
    if (!d.alarmUpserts.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO alarm_state (env, alarm_name, ord_no, spec_json, series_key,"
                  + " period_seconds, evaluation_periods, state_value, state_reason,"
                  + " state_reason_data, transitioned_ms, last_evaluated_ms, matched_events,"
                  + " history_from_id, removed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                  + " ?, NULL) ON CONFLICT (env, alarm_name) DO UPDATE SET ord_no ="
                  + " excluded.ord_no, spec_json = excluded.spec_json, series_key ="
                  + " excluded.series_key, period_seconds = excluded.period_seconds,"
                  + " evaluation_periods = excluded.evaluation_periods, state_value ="
                  + " excluded.state_value, state_reason = excluded.state_reason, state_reason_data"
                  + " = excluded.state_reason_data, transitioned_ms = excluded.transitioned_ms,"
                  + " last_evaluated_ms = excluded.last_evaluated_ms, matched_events ="
                  + " excluded.matched_events, history_from_id = excluded.history_from_id,"
                  + " removed_ms = NULL")) {
        for (StateDiff.AlarmUpsert u : d.alarmUpserts) {
          AlarmRow r = u.row();
          Committed.SpecJson json = Committed.specJson(u.id().env(), r.spec());
          ps.setString(1, u.id().env());
          ps.setString(2, u.id().alarmName());
          ps.setInt(3, r.ord());
          ps.setString(4, json.spec());
          ps.setString(5, json.seriesKey());
          ps.setInt(6, r.spec().periodSeconds());
          ps.setInt(7, r.spec().evaluationPeriods());
          ps.setString(8, r.state().name());
          ps.setString(9, r.reason());
          setString(ps, 10, r.reasonData());
          ps.setLong(11, r.transitionedMillis());
          if (r.lastEvaluatedMillis() == Long.MIN_VALUE) {
            ps.setNull(12, Types.BIGINT);
          } else {
            ps.setLong(12, r.lastEvaluatedMillis());
          }
          ps.setLong(13, r.matchedEvents());
          if (r.historyFrom() == Committed.NOT_LIVE) {
            ps.setNull(14, Types.BIGINT);
          } else {
            ps.setLong(14, r.historyFrom());
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    writeStates(c, d);
    writeEvaluated(c, d);
    if (!d.alarmRemovals.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE alarm_state SET ord_no = NULL,"
                  + " removed_ms = ? WHERE env = ? AND alarm_name = ?")) {
        for (StateDiff.AlarmRemoval r : d.alarmRemovals) {
          ps.setLong(1, r.at().toEpochMilli());
          ps.setString(2, r.id().env());
          ps.setString(3, r.id().alarmName());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (!d.historyInserts.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO alarm_history (id, env,"
                  + " alarm_name, alarm_type, ts_ms, item_type, summary, history_data)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (StateDiff.HistoryInsert h : d.historyInserts) {
          HistoryItem i = h.item();
          ps.setLong(1, h.id());
          ps.setString(2, h.env());
          ps.setString(3, i.alarmName());
          ps.setString(4, i.alarmType());
          ps.setLong(5, i.timestamp().toEpochMilli());
          ps.setString(6, i.type().name());
          ps.setString(7, i.summary());
          ps.setString(8, i.data());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    writeSeries(c, d);
    if (!d.checkpointUpserts.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO source_checkpoint (source_key, kind, body, updated_ms) VALUES (?, ?, ?,"
                  + " ?) ON CONFLICT (source_key) DO UPDATE SET kind = excluded.kind, body ="
                  + " excluded.body, updated_ms = excluded.updated_ms")) {
        for (Map.Entry<String, SourceCheckpoint> e : d.checkpointUpserts.entrySet()) {
          SourceCheckpoint cp = e.getValue();
          ps.setString(1, e.getKey());
          if (cp instanceof SourceCheckpoint.Files) {
            ps.setString(2, "files");
            ps.setString(3, StateJson.filesBody((SourceCheckpoint.Files) cp));
          } else {
            ps.setString(2, "opaque");
            ps.setString(3, ((SourceCheckpoint.Opaque) cp).text());
          }
          ps.setLong(4, d.next.committedAt.toEpochMilli());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO engine_meta (id, commit_seq, committed_ms, next_boundary_ms) VALUES (1, ?,"
                + " ?, ?) ON CONFLICT (id) DO UPDATE SET commit_seq = excluded.commit_seq,"
                + " committed_ms = excluded.committed_ms, next_boundary_ms ="
                + " excluded.next_boundary_ms")) {
      ps.setLong(1, d.next.commitSeq);
      ps.setLong(2, d.next.committedAt.toEpochMilli());
      ps.setLong(3, d.next.nextBoundary);
      ps.executeUpdate();
    }
  }

  /** The alarms of which only state columns changed: one batched UPDATE without the spec. */
  private static void writeStates(Connection c, StateDiff d) throws SQLException {
    if (d.alarmStateUpdates.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE alarm_state SET state_value = ?,"
        + " state_reason = ?, state_reason_data = ?, transitioned_ms = ?, last_evaluated_ms = ?,"
        + " matched_events = ?, history_from_id = ? WHERE env = ? AND alarm_name = ?")) {
      for (StateDiff.AlarmUpsert u : d.alarmStateUpdates) {
        AlarmRow r = u.row();
        ps.setString(1, r.state().name());
        ps.setString(2, r.reason());
        setString(ps, 3, r.reasonData());
        ps.setLong(4, r.transitionedMillis());
        setMillis(ps, 5, r.lastEvaluatedMillis());
        ps.setLong(6, r.matchedEvents());
        if (r.historyFrom() == Committed.NOT_LIVE) {
          ps.setNull(7, Types.BIGINT);
        } else {
          ps.setLong(7, r.historyFrom());
        }
        ps.setString(8, u.id().env());
        ps.setString(9, u.id().alarmName());
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      for (int n : counts) {
        if (n == 0) {
          throw new IllegalStateException(
              "the committed alarms differ from the database's: an alarm row is missing");
        }
      }
    }
  }

  /**
   * The alarms of which only the last evaluation moved: at a minute boundary, usually every alarm
   * from the same previous boundary to this one. A group that holds every live alarm with its
   * previous value is one UPDATE; the rest are updated row by row.
   */
  private static void writeEvaluated(Connection c, StateDiff d) throws SQLException {
    if (d.evaluatedOnly.isEmpty()) {
      return;
    }
    Map<List<Long>, List<StateDiff.Evaluated>> groups = new HashMap<>();
    for (StateDiff.Evaluated e : d.evaluatedOnly) {
      groups.computeIfAbsent(List.of(e.from(), e.to()), k -> new ArrayList<>()).add(e);
    }
    List<StateDiff.Evaluated> single = new ArrayList<>();
    for (List<StateDiff.Evaluated> g : groups.values()) {
      long from = g.get(0).from();
      long to = g.get(0).to();
      if (g.size() < StateDiff.SINGLE_UPDATE_GROUP || d.evaluatedBefore.getOrDefault(from, 0) != g.size()) {
        single.addAll(g);
        continue;
      }
      String where = from == Long.MIN_VALUE ? "last_evaluated_ms IS NULL" : "last_evaluated_ms = ?";
      try (PreparedStatement ps = c.prepareStatement("UPDATE alarm_state SET last_evaluated_ms = ?"
          + " WHERE ord_no IS NOT NULL AND " + where)) {
        setMillis(ps, 1, to);
        if (from != Long.MIN_VALUE) {
          ps.setLong(2, from);
        }
        int n = ps.executeUpdate();
        if (n != g.size()) {
          throw new IllegalStateException("the committed alarms differ from the database's: " + n
              + " rows with the last evaluation " + from + ", expected " + g.size());
        }
      }
    }
    if (!single.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE alarm_state SET last_evaluated_ms = ? WHERE env = ? AND alarm_name = ?")) {
        for (StateDiff.Evaluated e : single) {
          setMillis(ps, 1, e.to());
          ps.setString(2, e.id().env());
          ps.setString(3, e.id().alarmName());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  private static void setMillis(PreparedStatement ps, int index, long millis)
      throws SQLException {
    if (millis == Long.MIN_VALUE) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, millis);
    }
  }

  private static void writeSeries(Connection c, StateDiff d) throws SQLException {
    if (!d.seriesUpserts.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO metric_series (id, series_key,"
                  + " env, namespace, metric_name, dimensions_json, unit, ord_no, live_from_ms)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                  + " ord_no = excluded.ord_no, live_from_ms = excluded.live_from_ms")) {
        for (SeriesRow r : d.seriesUpserts) {
          ps.setLong(1, r.id());
          ps.setString(2, r.key());
          ps.setString(3, r.metric().env());
          ps.setString(4, r.metric().namespace());
          ps.setString(5, r.metric().metricName());
          ps.setString(6, StateJson.dimensions(r.metric().dimensions()));
          setString(ps, 7, r.unit());
          if (r.ord() == null) {
            ps.setNull(8, Types.INTEGER);
          } else {
            ps.setInt(8, r.ord());
          }
          if (r.liveFrom() == Committed.NOT_LIVE) {
            ps.setNull(9, Types.BIGINT);
          } else {
            ps.setLong(9, r.liveFrom());
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    batch(
        c,
        "DELETE FROM metric_bucket WHERE series_id = ? AND start_ms >= ? AND start_ms < ?",
        d.bucketRangeDeletes);
    batch(c, "DELETE FROM metric_bucket WHERE series_id = ? AND start_ms = ?", d.bucketDeletes);
    if (!d.bucketUpserts.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO metric_bucket (series_id,"
                  + " start_ms, sample_sum, sample_count, sample_min, sample_max, neg_zero)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series_id, start_ms) DO UPDATE SET"
                  + " sample_sum = excluded.sample_sum, sample_count = excluded.sample_count,"
                  + " sample_min = excluded.sample_min, sample_max = excluded.sample_max,"
                  + " neg_zero = excluded.neg_zero")) {
        for (StateDiff.BucketUpsert u : d.bucketUpserts) {
          EngineSnapshot.Bucket b = u.bucket();
          ps.setLong(1, u.seriesId());
          ps.setLong(2, b.startMillis());
          Doubles.set(ps, 3, b.sum());
          ps.setLong(4, b.count());
          Doubles.set(ps, 5, b.min());
          Doubles.set(ps, 6, b.max());
          ps.setInt(7, Doubles.negativeZeros(b.sum(), b.min(), b.max()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  private static void batch(Connection c, String sql, List<long[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (long[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          ps.setLong(i + 1, row[i]);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void setString(PreparedStatement ps, int index, @Nullable String s)
      throws SQLException {
    if (s == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, s);
    }
  }
}
