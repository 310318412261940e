package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: the database file is deleted, or replaced by another file, under the running service
 * (issue 9 item 9). Committing on into the unlinked file would lose everything at the next start;
 * the service must notice before the next commit, say so in one line and stop as failed (exit 1).
 */
class DeletedDatabaseFaultTest {

  @TempDir Path dir;

  @Test
  void run_databaseFileDeleted_stopsAsFailedInsteadOfCommittingIntoTheVoid() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "text", "iso", false)) {
      LiveService s = f.start();
      f.append(ServiceFixture.obo(Instant.now()));
      f.awaitLines(1);
      await().atMost(Duration.ofSeconds(10)).until(() -> s.stats().commits() >= 2);
      Path db = ServicePlan.database(f.plan.loaded()).sqliteFile();
      Files.delete(db);
      f.append(ServiceFixture.obo(Instant.now()));

      assertThat(s.awaitTermination(Duration.ofSeconds(20))).isTrue();
      System.out.printf("deleted database: failed=%s after %d commits%n", s.failed(),
          s.stats().commits());
      assertThat(s.failed()).isTrue();
      assertThat(Files.exists(db)).isFalse(); // no empty database was created in its place
    }
  }

  @Test
  void run_databaseFileReplaced_stopsAsFailed() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "text", "iso", false)) {
      LiveService s = f.start();
      f.append(ServiceFixture.obo(Instant.now()));
      f.awaitLines(1);
      Path db = ServicePlan.database(f.plan.loaded()).sqliteFile();
      Path copy = db.resolveSibling("copy.db");
      Files.copy(db, copy);
      Files.move(copy, db, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // a restore
      f.append(ServiceFixture.obo(Instant.now()));

      assertThat(s.awaitTermination(Duration.ofSeconds(20))).isTrue();
      assertThat(s.failed()).isTrue();
    }
  }
}
