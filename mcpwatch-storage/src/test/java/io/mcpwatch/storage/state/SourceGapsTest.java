package io.mcpwatch.storage.state;

import static io.mcpwatch.storage.state.Fixtures.T0;
import static io.mcpwatch.storage.state.Fixtures.execute;
import static io.mcpwatch.storage.state.Fixtures.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.source.tail.PossibleGaps;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 4: a file source's possible gaps (count, last time, reason) are committed with its
 * checkpoints, survive a restart and are what {@code status} reads.
 */
class SourceGapsTest {
  @TempDir Path dir;
  private final Fixtures.ManualClock clock = new Fixtures.ManualClock(T0);
  private final EngineSnapshot empty = new EngineSnapshot(1, List.of(), List.of());

  @Test
  void commit_gapsWithTheCheckpoints_surviveAReopenAndReachTheStatusReader() {
    PossibleGaps gaps =
        PossibleGaps.NONE
            .plus(T0, "first")
            .plus(T0.plusSeconds(5), "/var/log/app.log.2.gz: compressed \"while\" stopped");
    try (Database db = Fixtures.sqlite(dir)) {
      StateStore.create(db, clock)
          .commit(
              StateCommit.of(empty)
                  .withCheckpoint(
                      "tail:app",
                      SourceCheckpoint.files(List.of(file("/var/log/app.log", 10)), gaps))
                  .withFiles("tail:quiet", List.of(file("/var/log/quiet.log", 3))));
    }
    try (Database db = Fixtures.sqlite(dir)) {
      SavedState saved = StateStore.create(db, clock).load().orElseThrow();
      assertThat(saved.gaps("tail:app")).isEqualTo(gaps);
      assertThat(saved.files("tail:app")).contains(List.of(file("/var/log/app.log", 10)));
      assertThat(saved.gaps("tail:quiet")).isEqualTo(PossibleGaps.NONE);
      assertThat(saved.gaps("tail:never")).isEqualTo(PossibleGaps.NONE);
    }
    try (Database ro = Database.openReadOnly(DatabaseConfig.sqlite(dir.resolve("state.db")))) {
      StatusReport r = new StatusReader(ro).report(T0.plusSeconds(60), 1, 1);
      assertThat(r.checkpoints())
          .filteredOn(c -> c.sourceKey().equals("tail:app"))
          .singleElement()
          .satisfies(c -> assertThat(((SourceCheckpoint.Files) c.checkpoint()).gaps())
              .isEqualTo(gaps));
    }
  }

  @Test
  void load_aCheckpointWrittenBeforeGapsWereKept_hasNone() {
    try (Database db = Fixtures.sqlite(dir)) {
      StateStore.create(db, clock)
          .commit(StateCommit.of(empty).withFiles("tail:app", List.of(file("/l", 1))));
      execute(db, "UPDATE source_checkpoint SET body = '[{\"path\":\"/l\",\"offset\":7,"
          + "\"headLength\":0,\"headHash\":\"\"}]'");
    }
    try (Database db = Fixtures.sqlite(dir)) {
      SavedState saved = StateStore.create(db, clock).load().orElseThrow();
      assertThat(saved.gaps("tail:app")).isEqualTo(PossibleGaps.NONE);
      assertThat(saved.files("tail:app").orElseThrow()).singleElement()
          .satisfies(f -> assertThat(f.offset()).isEqualTo(7));
    }
  }
}
