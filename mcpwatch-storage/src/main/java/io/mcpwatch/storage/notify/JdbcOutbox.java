package io.mcpwatch.storage.notify;

import io.mcpwatch.notify.Attempt;
import io.mcpwatch.notify.AttemptOutcome;
import io.mcpwatch.notify.MessageKind;
import io.mcpwatch.notify.Outbox;
import io.mcpwatch.notify.OutboxHealth;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.OutboxStatus;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Outbox} in the database, with the semantics of {@code InMemoryOutbox}: {@link
 * #enqueue} ignores ids already present and joins the caller's transaction (so items planned for a
 * state change commit with it), every attempt is a row in {@code outbox_attempt}, and marking an
 * item that is missing or no longer pending fails. Thread-safe (calls are serialized by the {@link
 * Database}).
 */
public final class JdbcOutbox implements Outbox {

  private static final String COLUMNS =
      "id, message_id, kind, protocol, endpoint, topic_arn, subscription_arn, alarm_name, subject,"
          + " body, unsubscribe_url, sender_name, created_ms, status, attempts, next_attempt_ms,"
          + " last_error";

  private final Database db;

  public JdbcOutbox(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public void enqueue(List<OutboxItem> items) {
    List<OutboxItem> copy = List.copyOf(items);
    if (copy.isEmpty()) {
      return;
    }
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO outbox_item ("
                      + COLUMNS
                      + ", seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT"
                      + " COALESCE(MAX(seq), 0) + 1 FROM outbox_item)) ON CONFLICT (id) DO"
                      + " NOTHING")) {
            for (OutboxItem i : copy) {
              ps.setString(1, i.id());
              ps.setString(2, i.messageId());
              ps.setString(3, i.kind().name());
              ps.setString(4, i.protocol().name());
              ps.setString(5, i.endpoint());
              ps.setString(6, i.topicArn());
              ps.setString(7, i.subscriptionArn());
              setString(ps, 8, i.alarmName());
              setString(ps, 9, i.subject());
              ps.setString(10, i.body());
              setString(ps, 11, i.unsubscribeUrl());
              ps.setString(12, i.senderName());
              ps.setLong(13, i.createdAt().toEpochMilli());
              ps.setString(14, i.status().name());
              ps.setInt(15, i.attempts());
              ps.setLong(16, i.nextAttemptAt().toEpochMilli());
              setString(ps, 17, i.lastError());
              // one row at a time: the seq subquery must see the previous row
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  @Override
  public List<OutboxItem> due(Instant now, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return db.read(
        c ->
            query(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM outbox_item WHERE status = 'PENDING' AND next_attempt_ms <= ? ORDER BY"
                    + " next_attempt_ms, created_ms, seq LIMIT ?",
                now.toEpochMilli(),
                limit));
  }

  @Override
  public void markAttempt(String id, Attempt attempt, Instant nextAttemptAt) {
    update(id, attempt, OutboxStatus.PENDING, nextAttemptAt);
  }

  @Override
  public void markDelivered(String id, Attempt attempt) {
    update(id, attempt, OutboxStatus.DELIVERED, attempt.at());
  }

  @Override
  public void markFailed(String id, Attempt attempt) {
    update(id, attempt, OutboxStatus.FAILED, attempt.at());
  }

  @Override
  public OutboxHealth health(Instant now, int stuckAfterAttempts) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END), SUM(CASE WHEN status"
                      + " = 'FAILED' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'PENDING' AND"
                      + " attempts >= ? THEN 1 ELSE 0 END), MIN(CASE WHEN status = 'PENDING' THEN"
                      + " created_ms END) FROM outbox_item")) {
            ps.setInt(1, stuckAfterAttempts);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              int pending = rs.getInt(1);
              int failed = rs.getInt(2);
              int stuck = rs.getInt(3);
              long oldestMs = rs.getLong(4);
              Instant oldest = rs.wasNull() ? null : Instant.ofEpochMilli(oldestMs);
              Duration age =
                  oldest == null || oldest.isAfter(now)
                      ? Duration.ZERO
                      : Duration.between(oldest, now);
              return new OutboxHealth(pending, failed, stuck, oldest, age);
            }
          }
        });
  }

  /** Every item, in enqueue order (status pages, tests). */
  public List<OutboxItem> items() {
    return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM outbox_item ORDER BY seq"));
  }

  /** The item with this id. */
  public Optional<OutboxItem> item(String id) {
    return db
        .read(c -> query(c, "SELECT " + COLUMNS + " FROM outbox_item WHERE id = ?", id))
        .stream()
        .findFirst();
  }

  /** The recorded attempts of one item, in order. */
  public List<Attempt> attempts(String id) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT attempt_no, at_ms, outcome, detail"
                      + " FROM outbox_attempt WHERE item_id = ? ORDER BY attempt_no")) {
            ps.setString(1, id);
            List<Attempt> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Attempt(
                        rs.getInt(1),
                        Instant.ofEpochMilli(rs.getLong(2)),
                        AttemptOutcome.valueOf(rs.getString(3)),
                        rs.getString(4)));
              }
            }
            return out;
          }
        });
  }

  private void update(String id, Attempt attempt, OutboxStatus status, Instant next) {
    Objects.requireNonNull(attempt, "attempt");
    db.transaction(
        c -> {
          List<OutboxItem> found =
              query(c, "SELECT " + COLUMNS + " FROM outbox_item WHERE id = ?", id);
          if (found.isEmpty()) {
            throw new IllegalArgumentException("no outbox item " + id);
          }
          OutboxItem item = found.get(0);
          if (item.status() != OutboxStatus.PENDING) {
            throw new IllegalStateException("outbox item " + id + " is already " + item.status());
          }
          OutboxItem after = item.after(attempt, status, next);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox_item SET status = ?,"
                      + " attempts = ?, next_attempt_ms = ?, last_error = ? WHERE id = ?")) {
            ps.setString(1, after.status().name());
            ps.setInt(2, after.attempts());
            ps.setLong(3, after.nextAttemptAt().toEpochMilli());
            setString(ps, 4, after.lastError());
            ps.setString(5, id);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO outbox_attempt (item_id,"
                      + " attempt_no, at_ms, outcome, detail) VALUES (?, ?, ?, ?, ?) ON CONFLICT"
                      + " (item_id, attempt_no) DO UPDATE SET at_ms = excluded.at_ms,"
                      + " outcome = excluded.outcome, detail = excluded.detail")) {
            ps.setString(1, id);
            ps.setInt(2, attempt.number());
            ps.setLong(3, attempt.at().toEpochMilli());
            ps.setString(4, attempt.outcome().name());
            ps.setString(5, attempt.detail());
            ps.executeUpdate();
          }
          return null;
        });
  }

  private static List<OutboxItem> query(Connection c, String sql, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<OutboxItem> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new OutboxItem(
                  rs.getString(1),
                  rs.getString(2),
                  MessageKind.valueOf(rs.getString(3)),
                  Protocol.valueOf(rs.getString(4)),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10),
                  rs.getString(11),
                  rs.getString(12),
                  Instant.ofEpochMilli(rs.getLong(13)),
                  OutboxStatus.valueOf(rs.getString(14)),
                  rs.getInt(15),
                  Instant.ofEpochMilli(rs.getLong(16)),
                  rs.getString(17)));
        }
      }
      return out;
    }
  }

  static void setString(PreparedStatement ps, int index, @Nullable String s) throws SQLException {
    if (s == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, s);
    }
  }
}
