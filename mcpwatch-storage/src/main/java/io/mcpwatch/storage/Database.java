package io.mcpwatch.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The open database: one connection, used by one thread at a time. A writable database ({@link
 * #open}) is migrated to the current schema and held exclusively by this process (a lock file next
 * to an SQLite file, an advisory lock on PostgreSQL), so two services never write one state. A
 * read-only database ({@link #openReadOnly}) works beside a running writer (SQLite WAL mode) and
 * never changes the file.
 *
 * <p><b>Transactions.</b> {@link #transaction} runs work in one transaction and commits it; a call
 * made inside another transaction on the same thread joins it (so an outbox write inside a state
 * commit is part of that commit), and any failure inside rolls back the whole outer transaction.
 * Calls from other threads wait for the running transaction to finish.
 */
public final class Database implements AutoCloseable {

  private final DatabaseConfig config;
  private final boolean readOnly;
  private final Connector connector;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable Connection connection;
  private @Nullable AutoCloseable exclusive;
  private int depth;
  private boolean rollbackOnly;
  private boolean closed;

  private Database(DatabaseConfig config, boolean readOnly, Connector connector) {
    this.config = config;
    this.readOnly = readOnly;
    this.connector = connector;
  }

  /**
   * Loads and initializes the classes that {@link #open} needs first (the SQLite driver, Flyway's
   * configuration and plugins) without touching any file or database: a service calls it on a
   * second thread while it reads its configuration. Never throws.
   */
  public static void warmUp() {
    try {
      Class.forName("org.sqlite.JDBC", true, Database.class.getClassLoader());
      Class.forName("org.sqlite.SQLiteDataSource", true, Database.class.getClassLoader());
      org.flywaydb.core.Flyway.configure(Migrations.class.getClassLoader())
          .locations("classpath:db/migration")
          .table(Migrations.HISTORY_TABLE)
          .load();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // only a head start: opening the database reports whatever is wrong
    }
  }

  /**
   * Opens the database for the service: creates an SQLite file (and its directories) on first use,
   * migrates the schema, and takes the exclusive lock.
   *
   * @throws StorageException with a one-line message when the path is not writable, the server is
   *     unreachable, another process holds the database, or the database was written by a newer
   *     mcpwatch
   */
  public static Database open(DatabaseConfig config) {
    Objects.requireNonNull(config, "config");
    Connector connector = Connector.writer(config);
    Database db = new Database(config, false, connector);
    try {
      db.exclusive = connector.acquire();
      Migrations.migrate(config, connector);
      db.connection = connector.connect();
      connector.afterConnect(db.connection);
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * Opens the database for reading only (the {@code status} command), beside a running service or
   * after it stopped. Never creates or migrates anything.
   *
   * @throws StorageException when there is no mcpwatch database there, or its schema is not the one
   *     this version reads
   */
  public static Database openReadOnly(DatabaseConfig config) {
    Objects.requireNonNull(config, "config");
    Connector connector = Connector.reader(config);
    Database db = new Database(config, true, connector);
    try {
      db.connection = connector.connect();
      Migrations.requireCurrent(config, db.connection);
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public DatabaseConfig config() {
    return config;
  }

  public Dialect dialect() {
    return config.dialect();
  }

  public boolean isReadOnly() {
    return readOnly;
  }

  /**
   * Runs {@code work} in a write transaction and commits it, or joins the transaction this thread
   * is already running. On any exception the (outermost) transaction is rolled back; an {@link
   * SQLException} is rethrown as a {@link StorageException}.
   */
  public <T> T transaction(SqlFunction<T> work) {
    if (readOnly) {
      throw new IllegalStateException("the database was opened read-only: " + config.describe());
    }
    return run(work);
  }

  /**
   * Runs {@code work} in a transaction that sees one consistent state (joining this thread's
   * running transaction, if any). Allowed on read-only and writable databases.
   */
  public <T> T read(SqlFunction<T> work) {
    return run(work);
  }

  /**
   * Whether a writer (a running {@code mcpwatch run}) holds this database now; on a writable
   * database, this process does.
   */
  public boolean writerActive() {
    if (!readOnly) {
      return true;
    }
    return run(connector::writerActive);
  }

  /** Whether the calling thread is inside a transaction (or read) of this database. */
  public boolean isInTransaction() {
    return lock.isHeldByCurrentThread() && depth > 0;
  }

  /**
   * How long the identities of ingested batches are kept (see {@code StateStore#ingestTokens}): a
   * restarted service recognises the last 15 minutes' (a shipper's retry window); commits prune
   * hourly, so at most two hours of them are stored.
   */
  public static final java.time.Duration INGEST_TOKEN_RETENTION = java.time.Duration.ofHours(1);

  /**
   * Deletes what the configured {@link Retention} no longer keeps: history items (and removed
   * alarms) older than the history retention, buckets outside every evaluation range older than the
   * aggregate retention, and delivered or failed outbox items (with their attempts) older than the
   * outbox retention; and the identities of ingested batches older than {@link
   * #INGEST_TOKEN_RETENTION}. Live state is never touched.
   */
  public PruneResult prune(Instant now) {
    Retention r = config.retention();
    return transaction(
        c -> {
          long historyCutoff = now.minus(r.history()).toEpochMilli();
          int history = update(c, "DELETE FROM alarm_history WHERE ts_ms < ?", historyCutoff);
          update(
              c, "DELETE FROM alarm_state WHERE ord_no IS NULL AND removed_ms < ?", historyCutoff);
          int buckets =
              update(
                  c,
                  "DELETE FROM metric_bucket WHERE start_ms < ? AND NOT EXISTS ("
                      + "SELECT 1 FROM metric_series s WHERE s.id = metric_bucket.series_id"
                      + " AND s.ord_no IS NOT NULL AND metric_bucket.start_ms >= s.live_from_ms)",
                  now.minus(r.aggregates()).toEpochMilli());
          long outboxCutoff = now.minus(r.outbox()).toEpochMilli();
          update(
              c,
              "DELETE FROM outbox_attempt WHERE item_id IN (SELECT id FROM outbox_item"
                  + " WHERE status <> 'PENDING' AND next_attempt_ms < ?)",
              outboxCutoff);
          int outbox =
              update(
                  c,
                  "DELETE FROM outbox_item WHERE status <> 'PENDING'" + " AND next_attempt_ms < ?",
                  outboxCutoff);
          // the identities of ingested batches: a retry comes within minutes
          update(c, "DELETE FROM ingest_tokens WHERE taken_ms < ?",
              now.minus(INGEST_TOKEN_RETENTION).toEpochMilli());
          return new PruneResult(history, buckets, outbox);
        });
  }

  private static int update(Connection c, String sql, long arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, arg);
      return ps.executeUpdate();
    }
  }

  private <T> T run(SqlFunction<T> work) {
    Objects.requireNonNull(work, "work");
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the database is closed: " + config.describe());
      }
      if (depth > 0) {
        return joined(work);
      }
      if (!readOnly) {
        connector.beforeWrite(); // a deleted or replaced SQLite file fails here, loudly
      }
      Connection c = connection();
      depth = 1;
      rollbackOnly = false;
      boolean committed = false;
      try {
        T result = work.apply(c);
        if (rollbackOnly) {
          throw new StorageException(
              "the transaction on "
                  + config.describe()
                  + " was rolled back: a joined operation failed");
        }
        c.commit();
        committed = true;
        return result;
      } catch (SQLException e) {
        throw failure(e);
      } finally {
        depth = 0;
        if (!committed) {
          rollback(c);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private <T> T joined(SqlFunction<T> work) {
    Connection c = Objects.requireNonNull(connection);
    depth++;
    try {
      return work.apply(c);
    } catch (SQLException e) {
      rollbackOnly = true;
      throw failure(e);
    } catch (RuntimeException e) {
      rollbackOnly = true;
      throw e;
    } finally {
      depth--;
    }
  }

  private Connection connection() {
    Connection c = connection;
    if (c == null) {
      // a PostgreSQL connection that broke earlier: reconnect (and take the lock again)
      c = connector.connect();
      try {
        connector.afterConnect(c);
      } catch (RuntimeException e) {
        Connector.closeQuietly(c);
        throw e;
      }
      connection = c;
    }
    return c;
  }

  private StorageException failure(SQLException e) {
    if (Connector.isBroken(e, connection)) {
      Connector.closeQuietly(connection);
      connection = null;
    }
    return new StorageException(Connector.explain(config, "a transaction", e), e);
  }

  private void rollback(Connection c) {
    if (connection == null) {
      return;
    }
    try {
      c.rollback();
    } catch (SQLException e) {
      Connector.closeQuietly(c);
      connection = null;
    }
  }

  /** Closes the connection and releases the exclusive lock. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      Connector.closeQuietly(connection);
      connection = null;
      if (exclusive != null) {
        try {
          exclusive.close();
        } catch (Exception e) {
          // released with the process anyway
        }
        exclusive = null;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "Database[" + config.describe() + (readOnly ? ", read-only" : "") + "]";
  }
}
