package io.mcpwatch.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL: user and password from the config (never in the URL), a connect timeout, and a
 * session-level advisory lock held by the writer's connection (released when the connection or the
 * process ends). Readers use read-only REPEATABLE READ transactions, so one status read sees one
 * commit.
 */
final class PostgresConnector extends Connector {

  /** The advisory lock key: "mcpwatch" in ASCII, truncated to 63 bits. */
  static final long LOCK_KEY = 0x6d63707761746368L & Long.MAX_VALUE;

  private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

  PostgresConnector(DatabaseConfig config, boolean readOnly) {
    super(config, readOnly);
    dataSource.setURL(config.url());
    if (config.user() != null) {
      dataSource.setUser(config.user());
    }
    if (config.password() != null) {
      dataSource.setPassword(config.password());
    }
    dataSource.setApplicationName(readOnly ? "mcpwatch status" : "mcpwatch");
    dataSource.setConnectTimeout(10);
    dataSource.setSocketTimeout(0);
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }

  @Override
  @Nullable AutoCloseable acquire() {
    return null;
  }

  @Override
  void configure(Connection c) throws SQLException {
    c.setAutoCommit(false);
    if (readOnly) {
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }
  }

  @Override
  boolean writerActive(Connection c) throws SQLException {
    // a bigint advisory key shows as classid (high 32 bits) and objid (low 32 bits); advisory
    // locks belong to one database of the cluster
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname ="
                + " current_database()) AND classid::bigint = ? AND objid::bigint = ?"
                + " AND objsubid = 1")) {
      ps.setLong(1, LOCK_KEY >>> 32);
      ps.setLong(2, LOCK_KEY & 0xffffffffL);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }

  @Override
  void afterConnect(Connection c) {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      ps.setLong(1, LOCK_KEY);
      boolean locked;
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        locked = rs.getBoolean(1);
      }
      c.commit();
      if (!locked) {
        throw new StorageException(
            "the database "
                + config.describe()
                + " is in use by another"
                + " mcpwatch process (it holds advisory lock "
                + LOCK_KEY
                + "); stop that process or"
                + " use another database");
      }
    } catch (SQLException e) {
      throw new StorageException(explain(config, "locking", e), e);
    }
  }
}
