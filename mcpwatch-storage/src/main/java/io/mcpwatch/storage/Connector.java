package io.mcpwatch.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** How one dialect opens, locks and explains connections. */
abstract class Connector {

  final DatabaseConfig config;
  final boolean readOnly;

  Connector(DatabaseConfig config, boolean readOnly) {
    this.config = config;
    this.readOnly = readOnly;
  }

  static Connector writer(DatabaseConfig config) {
    return config.dialect() == Dialect.SQLITE
        ? new SqliteConnector(config, false)
        : new PostgresConnector(config, false);
  }

  static Connector reader(DatabaseConfig config) {
    return config.dialect() == Dialect.SQLITE
        ? new SqliteConnector(config, true)
        : new PostgresConnector(config, true);
  }

  /** The data source migrations use (the writer's settings). */
  abstract DataSource dataSource();

  /**
   * Prepares the location (SQLite: directories and file) and takes the process-wide lock that keeps
   * a second writer out, or returns null where the lock belongs to the connection.
   */
  abstract @Nullable AutoCloseable acquire();

  /**
   * Runs before every write transaction of the writer: SQLite checks that the database file is
   * still the one it opened (throws a {@linkplain StorageException#fatal fatal} exception if not).
   */
  void beforeWrite() {}

  /**
   * Whether a writer (a running service) holds the database now, seen from a reader: SQLite tries
   * the lock file without keeping it, PostgreSQL looks for the advisory lock in {@code pg_locks}.
   *
   * @param c the reader's connection
   */
  abstract boolean writerActive(Connection c) throws SQLException;

  /** Runs right after a writer connection opened (PostgreSQL takes its advisory lock here). */
  void afterConnect(Connection c) {}

  /** A new connection with auto-commit off. */
  final Connection connect() {
    try {
      Connection c = dataSource().getConnection();
      try {
        configure(c);
        return c;
      } catch (SQLException | RuntimeException e) {
        closeQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw new StorageException(explain(config, "opening", e), e);
    }
  }

  abstract void configure(Connection c) throws SQLException;

  /** A one-line description of a failure, naming the database but never the password. */
  static String explain(DatabaseConfig config, String what, SQLException e) {
    String detail = oneLine(e.getMessage());
    String state = e.getSQLState();
    if (config.dialect() == Dialect.SQLITE) {
      return SqliteConnector.explain(config, what, e, detail);
    }
    if (state != null && state.startsWith("08")) {
      return "cannot connect to " + config.describe() + ": " + detail;
    }
    return String.format(
        Locale.ROOT,
        "%s failed on %s: %s%s",
        what,
        config.describe(),
        detail,
        state == null ? "" : " (SQLState " + state + ")");
  }

  /** Whether the connection is unusable after {@code e} (the next transaction reconnects). */
  static boolean isBroken(SQLException e, @Nullable Connection c) {
    String state = e.getSQLState();
    if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
      return true;
    }
    if (SqliteConnector.needsReopen(e)) {
      return true;
    }
    try {
      return c != null && c.isClosed();
    } catch (SQLException ignored) {
      return true;
    }
  }

  static void closeQuietly(@Nullable Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing a broken connection
    }
  }

  static String oneLine(@Nullable String s) {
    if (s == null || s.isBlank()) {
      return "no detail";
    }
    String one = s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    return one.length() > 500 ? one.substring(0, 500) + "..." : one;
  }
}
