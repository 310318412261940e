package io.mcpwatch.storage;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * Flyway migrations from {@code classpath:db/migration}, the same scripts for SQLite and
 * PostgreSQL. A database whose schema is newer than this build is refused before Flyway runs
 * (Flyway itself would silently ignore the "future" migrations).
 */
final class Migrations {

  /** The highest {@code V<n>__*.sql} this build ships; a test keeps it in step with the files. */
  static final int CURRENT = 3;

  static final String HISTORY_TABLE = "flyway_schema_history";

  private Migrations() {}

  /**
   * Migrates the schema to {@link #CURRENT}. A schema that is already current (every migration up
   * to {@link #CURRENT} applied, none failed) is left as it is without loading Flyway, whose
   * configuration, class loading and validation took ~0.4 s of every restart (issue 14); what
   * that skips is Flyway's comparison of the applied scripts' checksums with this build's files,
   * which only a changed released migration would fail.
   */
  static void migrate(DatabaseConfig config, Connector connector) {
    DataSource ds = connector.dataSource();
    try (Connection c = connector.connect()) {
      MigrationVersion v = installedVersion(c);
      boolean current = v != null && v.equals(MigrationVersion.fromVersion(String.valueOf(CURRENT)))
          && !anyFailed(c);
      c.rollback();
      refuseNewer(config, v);
      if (current) {
        return;
      }
    } catch (SQLException e) {
      throw new StorageException(Connector.explain(config, "opening", e), e);
    }
    try {
      Flyway.configure(Migrations.class.getClassLoader())
          .dataSource(ds)
          .locations("classpath:db/migration")
          .table(HISTORY_TABLE)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StorageException(
          "cannot migrate the schema of "
              + config.describe()
              + ": "
              + Connector.oneLine(e.getMessage()),
          e);
    }
  }

  /** For read-only use: the schema must be exactly the one this build writes. */
  static void requireCurrent(DatabaseConfig config, Connection c) {
    MigrationVersion v;
    try {
      v = installedVersion(c);
      c.rollback();
    } catch (SQLException e) {
      throw new StorageException(Connector.explain(config, "reading the schema version of", e), e);
    }
    if (v == null) {
      throw new StorageException(
          config.describe()
              + " is not an mcpwatch database (no "
              + HISTORY_TABLE
              + " table): `mcpwatch run` creates and migrates it");
    }
    refuseNewer(config, v);
    if (v.compareTo(MigrationVersion.fromVersion(String.valueOf(CURRENT))) < 0) {
      throw new StorageException(
          config.describe()
              + " has schema version "
              + v
              + ", older than this mcpwatch's "
              + CURRENT
              + ": start `mcpwatch run` once to migrate"
              + " it");
    }
  }

  private static void refuseNewer(DatabaseConfig config, @Nullable MigrationVersion v) {
    if (v != null && v.compareTo(MigrationVersion.fromVersion(String.valueOf(CURRENT))) > 0) {
      throw new StorageException(
          config.describe()
              + " was written by a newer mcpwatch (schema"
              + " version "
              + v
              + "; this version knows up to "
              + CURRENT
              + "): use that mcpwatch"
              + " version or another database");
    }
  }

  /** The highest successfully applied version, or null when the schema table does not exist. */
  static @Nullable MigrationVersion installedVersion(Connection c) throws SQLException {
    if (!hasTable(c, HISTORY_TABLE)) {
      return null;
    }
    MigrationVersion max = null;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version, success FROM " + HISTORY_TABLE + " WHERE version IS NOT NULL")) {
      while (rs.next()) {
        if (!rs.getBoolean(2)) {
          continue;
        }
        MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
        if (max == null || v.compareTo(max) > 0) {
          max = v;
        }
      }
    }
    return max;
  }

  /** Whether the history records a failed migration (Flyway then refuses or repairs). */
  private static boolean anyFailed(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT success FROM " + HISTORY_TABLE)) {
      while (rs.next()) {
        if (!rs.getBoolean(1)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasTable(Connection c, String table) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    try (ResultSet rs = md.getTables(null, null, table, new String[] {"TABLE"})) {
      while (rs.next()) {
        if (table.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
          return true;
        }
      }
    }
    return false;
  }
}
