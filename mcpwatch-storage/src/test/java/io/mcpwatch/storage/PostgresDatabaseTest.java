package io.mcpwatch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same schema and behaviour on a real PostgreSQL server (a throwaway cluster on 127.0.0.1;
 * skipped with a message naming the package when no server binaries are installed).
 */
@Tag("slow")
class PostgresDatabaseTest {

  private static long count(Database db, String sql) {
    return db.read(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Test
  void open_migratesOnceAndReopens() {
    DatabaseConfig cfg = PostgresCluster.shared().newDatabase();
    assertThat(cfg.dialect()).isEqualTo(Dialect.POSTGRESQL);
    try (Database db = Database.open(cfg)) {
      db.transaction(
          c ->
              c.createStatement()
                  .executeUpdate("INSERT INTO source_checkpoint VALUES ('s', 'opaque', 'x', 1)"));
      assertThat(
              count(
                  db,
                  "SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN"
                      + " ('engine_meta', 'alarm_state', 'alarm_history', 'metric_series',"
                      + " 'metric_bucket', 'source_checkpoint', 'outbox_item', 'outbox_attempt',"
                      + " 'subscription')"))
          .isEqualTo(9);
    }
    try (Database db = Database.open(cfg)) {
      assertThat(count(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE success"))
          .isEqualTo((long) Migrations.CURRENT); // one row per migration, none added by the reopen
      assertThat(count(db, "SELECT COUNT(*) FROM source_checkpoint")).isOne();
    }
  }

  @Test
  void open_refusesANewerSchemaAndASecondWriter() throws Exception {
    PostgresCluster pg = PostgresCluster.shared();
    DatabaseConfig cfg = pg.newDatabase();
    try (Database db = Database.open(cfg)) {
      assertThatThrownBy(() -> Database.open(cfg))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("in use by another mcpwatch process");
      try (Database ro = Database.openReadOnly(cfg)) {
        boolean readOnly = ro.read(c -> c.isReadOnly());
        assertThat(readOnly).isTrue();
        assertThatThrownBy(
                () -> ro.read(c -> c.createStatement().executeUpdate("DELETE FROM subscription")))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("read-only");
      }
      db.transaction(
          c ->
              c.createStatement()
                  .executeUpdate(
                      "INSERT INTO flyway_schema_history (installed_rank, version, description,"
                          + " type, script, checksum, installed_by, execution_time, success) VALUES"
                          + " (99, '"
                          + (Migrations.CURRENT + 1)
                          + "', 'f',"
                          + " 'SQL', 'V9__f.sql', 0, 'x', 1, true)"));
    }
    assertThatThrownBy(() -> Database.open(cfg))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("written by a newer mcpwatch");
  }

  @Test
  void open_badPasswordFailsInOneLineWithoutThePassword() {
    DatabaseConfig good = PostgresCluster.shared().newDatabase();
    DatabaseConfig bad = good.withCredentials(PostgresCluster.USER, "wrong-secret-123");
    assertThatThrownBy(() -> Database.open(bad))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(good.url())
        .hasMessageContaining("password authentication failed")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("wrong-secret-123")
                    .doesNotContain(PostgresCluster.PASSWORD)
                    .doesNotContain("\n"));
  }

  @Test
  void transaction_reconnectsAfterTheServerDroppedTheConnection() throws Exception {
    PostgresCluster pg = PostgresCluster.shared();
    DatabaseConfig cfg = pg.newDatabase();
    try (Database db = Database.open(cfg)) {
      int pid =
          db.read(
              c -> {
                try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                  rs.next();
                  return rs.getInt(1);
                }
              });
      try (Connection admin = pg.admin();
          PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
        ps.setInt(1, pid);
        ps.execute();
      }
      assertThatThrownBy(
              () ->
                  db.transaction(
                      c ->
                          c.createStatement()
                              .executeUpdate(
                                  "INSERT INTO source_checkpoint VALUES ('s', 'opaque', 'x', 1)")))
          .isInstanceOf(StorageException.class);
      db.transaction(
          c ->
              c.createStatement()
                  .executeUpdate("INSERT INTO source_checkpoint VALUES ('s', 'opaque', 'x', 1)"));
      assertThat(count(db, "SELECT COUNT(*) FROM source_checkpoint")).isOne();
      // the new connection holds the writer lock again
      assertThatThrownBy(() -> Database.open(cfg)).hasMessageContaining("in use");
    }
  }
}
