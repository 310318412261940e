package io.mcpwatch.storage.notify;

import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.notify.SubscriptionStore;
import io.mcpwatch.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SubscriptionStore} in the database, with the semantics of {@code
 * InMemorySubscriptionStore}: keyed by subscription ARN, {@link #all()} in creation order (a
 * replaced subscription keeps its place). Writes join the caller's transaction. Thread-safe.
 */
public final class JdbcSubscriptionStore implements SubscriptionStore {

  private static final String COLUMNS =
      "sub_id, topic_arn, protocol, endpoint, status, token,"
          + " created_ms, token_issued_ms, confirmed_ms";

  private final Database db;

  public JdbcSubscriptionStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public List<Subscription> all() {
    return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM subscription ORDER BY seq"));
  }

  @Override
  public Optional<Subscription> byArn(String subscriptionArn) {
    return db
        .read(
            c ->
                query(c, "SELECT " + COLUMNS + " FROM subscription WHERE arn = ?", subscriptionArn))
        .stream()
        .findFirst();
  }

  @Override
  public Optional<Subscription> byToken(String token) {
    return db
        .read(
            c ->
                query(
                    c,
                    "SELECT " + COLUMNS + " FROM subscription WHERE token = ?" + " ORDER BY seq",
                    token))
        .stream()
        .findFirst();
  }

  @Override
  public void put(Subscription s) {
    Objects.requireNonNull(s, "subscription");
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO subscription (arn, "
                      + COLUMNS
                      + ", seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0)"
                      + " + 1 FROM subscription)) ON CONFLICT (arn) DO UPDATE SET sub_id ="
                      + " excluded.sub_id, topic_arn = excluded.topic_arn, protocol ="
                      + " excluded.protocol, endpoint = excluded.endpoint, status ="
                      + " excluded.status, token = excluded.token, created_ms ="
                      + " excluded.created_ms, token_issued_ms = excluded.token_issued_ms,"
                      + " confirmed_ms = excluded.confirmed_ms")) {
            ps.setString(1, s.arn());
            ps.setString(2, s.id());
            ps.setString(3, s.topicArn());
            ps.setString(4, s.protocol().name());
            ps.setString(5, s.endpoint());
            ps.setString(6, s.status().name());
            JdbcOutbox.setString(ps, 7, s.token());
            ps.setLong(8, s.createdAt().toEpochMilli());
            setInstant(ps, 9, s.tokenIssuedAt());
            setInstant(ps, 10, s.confirmedAt());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void delete(String subscriptionArn) {
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM subscription WHERE arn = ?")) {
            ps.setString(1, subscriptionArn);
            ps.executeUpdate();
          }
          return null;
        });
  }

  private static List<Subscription> query(Connection c, String sql, String... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      List<Subscription> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Subscription(
                  rs.getString(1),
                  rs.getString(2),
                  Protocol.valueOf(rs.getString(3)),
                  rs.getString(4),
                  SubscriptionStatus.valueOf(rs.getString(5)),
                  rs.getString(6),
                  Instant.ofEpochMilli(rs.getLong(7)),
                  instant(rs, 8),
                  instant(rs, 9)));
        }
      }
      return out;
    }
  }

  private static void setInstant(PreparedStatement ps, int index, @Nullable Instant t)
      throws SQLException {
    if (t == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, t.toEpochMilli());
    }
  }

  private static @Nullable Instant instant(ResultSet rs, int index) throws SQLException {
    long v = rs.getLong(index);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }
}
