package io.mcpwatch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  @TempDir Path dir;

  @Test
  void open_createsDirectoriesFileAndSchemaInWalMode() throws Exception {
    Path file = dir.resolve("a/b/state.db");
    try (Database db = Database.open(DatabaseConfig.sqlite(file))) {
      assertThat(file).isRegularFile();
      assertThat(tables(db))
          .contains(
              "engine_meta",
              "alarm_state",
              "alarm_history",
              "metric_series",
              "metric_bucket",
              "source_checkpoint",
              "outbox_item",
              "outbox_attempt",
              "subscription");
      assertThat(pragma(db, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(db, "synchronous")).isEqualTo("2"); // FULL
      assertThat(pragma(db, "busy_timeout")).isEqualTo("5000");
    }
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void open_processCrashDurabilityUsesNormalSync() {
    DatabaseConfig cfg =
        DatabaseConfig.sqlite(dir.resolve("s.db")).withDurability(Durability.PROCESS_CRASH);
    try (Database db = Database.open(cfg)) {
      assertThat(pragma(db, "synchronous")).isEqualTo("1"); // NORMAL
    }
  }

  @Test
  void open_reopensWithoutMigratingAgain() throws Exception {
    Path file = dir.resolve("state.db");
    try (Database db = Database.open(DatabaseConfig.sqlite(file))) {
      db.transaction(
          c ->
              c.createStatement()
                  .executeUpdate("INSERT INTO source_checkpoint VALUES ('s', 'opaque', 'x', 1)"));
    }
    try (Database db = Database.open(DatabaseConfig.sqlite(file))) {
      assertThat(count(db, "SELECT COUNT(*) FROM flyway_schema_history"))
          .isEqualTo((long) Migrations.CURRENT); // one row per migration, none added by the reopen
      assertThat(count(db, "SELECT COUNT(*) FROM source_checkpoint")).isOne();
    }
  }

  private static void sql(Path file, String statement) throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  @Test
  void open_currentSchema_doesNotRunFlyway() throws Exception {
    Path file = dir.resolve("state.db");
    Database.open(DatabaseConfig.sqlite(file)).close();
    // Flyway's validation would refuse this (checksum mismatch); a current schema skips Flyway
    sql(file, "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");

    try (Database db = Database.open(DatabaseConfig.sqlite(file))) {
      assertThat(count(db, "SELECT COUNT(*) FROM flyway_schema_history"))
          .isEqualTo((long) Migrations.CURRENT);
    }
  }

  @Test
  void open_olderSchema_isMigratedByFlyway() throws Exception {
    Path file = dir.resolve("state.db");
    Database.open(DatabaseConfig.sqlite(file)).close();
    sql(file, "DROP TABLE ingest_tokens");
    sql(file, "DELETE FROM flyway_schema_history WHERE version = '" + Migrations.CURRENT + "'");

    try (Database db = Database.open(DatabaseConfig.sqlite(file))) {
      assertThat(count(db, "SELECT COUNT(*) FROM flyway_schema_history"))
          .isEqualTo((long) Migrations.CURRENT);
      assertThat(count(db, "SELECT COUNT(*) FROM ingest_tokens")).isZero();
    }
  }

  @Test
  void open_failedMigrationInTheHistory_goesToFlyway() throws Exception {
    Path file = dir.resolve("state.db");
    Database.open(DatabaseConfig.sqlite(file)).close();
    sql(file, "UPDATE flyway_schema_history SET success = 0 WHERE version = '1'");

    assertThatThrownBy(() -> Database.open(DatabaseConfig.sqlite(file)))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("cannot migrate the schema of ");
  }

  @Test
  void open_refusesDatabaseOfNewerMcpwatch() throws Exception {
    Path file = dir.resolve("state.db");
    Database.open(DatabaseConfig.sqlite(file)).close();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO flyway_schema_history (installed_rank, version, description,"
              + " type, script, checksum, installed_by, execution_time, success) VALUES (99, '"
              + (Migrations.CURRENT + 1)
              + "', 'future', 'SQL', 'V9__future.sql', 0, 'x', 1, 1)");
    }
    assertThatThrownBy(() -> Database.open(DatabaseConfig.sqlite(file)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("written by a newer mcpwatch")
        .hasMessageContaining("schema version " + (Migrations.CURRENT + 1))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> Database.openReadOnly(DatabaseConfig.sqlite(file)))
        .hasMessageContaining("written by a newer mcpwatch");
  }

  @Test
  void open_unwritablePathGivesOneLineError() throws IOException {
    Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
    assertThatThrownBy(() -> Database.open(DatabaseConfig.sqlite(notADir.resolve("db/s.db"))))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("cannot create the directory " + notADir.resolve("db"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> Database.open(DatabaseConfig.sqlite(dir)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("is a directory");
  }

  @Test
  void open_refusesAFileThatIsNotADatabase() throws IOException {
    Path junk =
        Files.writeString(dir.resolve("junk.db"), "this is not sqlite, just text\n".repeat(200));
    assertThatThrownBy(() -> Database.open(DatabaseConfig.sqlite(junk)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("not a valid SQLite database");
  }

  @Test
  void open_secondWriterIsRefusedUntilTheFirstCloses() {
    DatabaseConfig cfg = DatabaseConfig.sqlite(dir.resolve("state.db"));
    try (Database first = Database.open(cfg)) {
      assertThat(first.isReadOnly()).isFalse();
      assertThatThrownBy(() -> Database.open(cfg))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("in use by another mcpwatch process");
      try (Database reader = Database.openReadOnly(cfg)) {
        assertThat(reader.isReadOnly()).isTrue();
      }
    }
    Database.open(cfg).close();
  }

  @Test
  void openReadOnly_missingFileIsExplainedAndNotCreated() {
    Path file = dir.resolve("none/state.db");
    assertThatThrownBy(() -> Database.openReadOnly(DatabaseConfig.sqlite(file)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("no mcpwatch database at " + file)
        .hasMessageContaining("mcpwatch run");
    assertThat(file.getParent()).doesNotExist();
  }

  @Test
  void openReadOnly_refusesAForeignDatabaseAndWrites() throws Exception {
    Path foreign = dir.resolve("foreign.db");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + foreign);
        Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (x INTEGER)");
    }
    assertThatThrownBy(() -> Database.openReadOnly(DatabaseConfig.sqlite(foreign)))
        .hasMessageContaining("is not an mcpwatch database");
    Path file = dir.resolve("state.db");
    Database.open(DatabaseConfig.sqlite(file)).close();
    try (Database ro = Database.openReadOnly(DatabaseConfig.sqlite(file))) {
      assertThatThrownBy(() -> ro.transaction(c -> 1)).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(
              () -> ro.read(c -> c.createStatement().executeUpdate("DELETE FROM subscription")))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("read-only");
    }
  }

  @Test
  void transaction_joinedFailureRollsBackTheOuterTransaction() {
    try (Database db = Database.open(DatabaseConfig.sqlite(dir.resolve("s.db")))) {
      assertThatThrownBy(
              () ->
                  db.transaction(
                      c -> {
                        c.createStatement()
                            .executeUpdate(
                                "INSERT INTO source_checkpoint VALUES ('outer', 'opaque', 'x', 1)");
                        try {
                          db.transaction(
                              inner ->
                                  inner.createStatement().executeUpdate("INSERT INTO nowhere"));
                        } catch (StorageException swallowed) {
                          assertThat(db.isInTransaction()).isTrue();
                        }
                        return null;
                      }))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("rolled back");
      assertThat(count(db, "SELECT COUNT(*) FROM source_checkpoint")).isZero();
      assertThat(db.isInTransaction()).isFalse();
      db.transaction(
          c ->
              c.createStatement()
                  .executeUpdate(
                      "INSERT INTO source_checkpoint VALUES ('next', 'opaque', 'x', 1)"));
      assertThat(count(db, "SELECT COUNT(*) FROM source_checkpoint")).isOne();
    }
  }

  @Test
  void currentVersion_matchesTheHighestMigrationFile() throws Exception {
    Path migrations = Path.of("src/main/resources/db/migration");
    List<Integer> versions;
    try (Stream<Path> files = Files.list(migrations)) {
      versions =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.matches("V\\d+__.*\\.sql"))
              .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
              .sorted(Comparator.reverseOrder())
              .collect(Collectors.toList());
    }
    assertThat(versions).isNotEmpty();
    assertThat(versions.get(0)).isEqualTo(Migrations.CURRENT);
  }

  @Test
  void migration_avoidsKeywordColumnNames() throws IOException {
    String sql =
        Files.readString(Path.of("src/main/resources/db/migration/V1__initial_schema.sql"))
            .replaceAll("--[^\\n]*", "");
    for (String word :
        List.of(
            "value",
            "key",
            "order",
            "offset",
            "user",
            "position",
            "count",
            "sum",
            "min",
            "max",
            "timestamp",
            "type",
            "data")) {
      assertThat(sql)
          .as(word)
          .doesNotContainPattern("(?i)[\\s(,]" + word + "\\s+(TEXT|INTEGER" + "|BIGINT|DOUBLE)");
    }
  }

  private static String pragma(Database db, String name) {
    return db.read(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
          }
        });
  }

  static long count(Database db, String sql) {
    return db.read(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private static List<String> tables(Database db) {
    return db.read(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
              out.add(rs.getString(1));
            }
            return out;
          }
        });
  }

  @Test
  void writerActive_whileAServiceHoldsTheDatabaseOnly_andItsRecordedRun() throws Exception {
    Path file = dir.resolve("state.db");
    io.mcpwatch.storage.state.ServiceRun run =
        new io.mcpwatch.storage.state.ServiceRun(
            4242, "host-a", "http://127.0.0.1:18787", java.time.Instant.ofEpochSecond(100), null);
    try (Database w = Database.open(DatabaseConfig.sqlite(file))) {
      io.mcpwatch.storage.state.ServiceRun.record(w, run);
      try (Database r = Database.openReadOnly(DatabaseConfig.sqlite(file))) {
        assertThat(r.writerActive()).isTrue();
        assertThat(io.mcpwatch.storage.state.ServiceRun.last(r)).contains(run);
      }
      io.mcpwatch.storage.state.ServiceRun.stopped(w, java.time.Instant.ofEpochSecond(200));
    }
    try (Database r = Database.openReadOnly(DatabaseConfig.sqlite(file))) {
      assertThat(r.writerActive()).isFalse();
      assertThat(io.mcpwatch.storage.state.ServiceRun.last(r).orElseThrow().stoppedAt())
          .isEqualTo(java.time.Instant.ofEpochSecond(200));
    }
  }
}
