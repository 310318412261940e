package io.mcpwatch.storage.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identities of ingested batches are committed with the commit that holds their events,
 * survive a reopen, are stored once, and are pruned after {@link Database#INGEST_TOKEN_RETENTION}.
 */
class IngestTokensTest {
  private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

  @TempDir Path dir;

  @Test
  void tokens_committedWithTheState_surviveAReopen_onceEach_andArePruned() {
    Path file = dir.resolve("state.db");
    roundTrip(() -> Database.open(DatabaseConfig.sqlite(file)));
  }

  /** The same on any database ({@code open} opens the same one each time; PostgreSQL too). */
  static void roundTrip(java.util.function.Supplier<Database> open) {
    Fixtures.ManualClock clock = new Fixtures.ManualClock(START);
    EngineSnapshot empty = new EngineSnapshot(START.toEpochMilli() + 60_000, List.of(), List.of());
    long t = START.toEpochMilli();
    try (Database db = open.get()) {
      StateStore store = StateStore.create(db, clock);
      store.commit(StateCommit.of(empty), Integer.MAX_VALUE,
          List.of(new IngestToken("a", t), new IngestToken("b", t + 1)));
      // a retry of "a" in a later commit is stored once
      store.commit(StateCommit.of(empty), Integer.MAX_VALUE,
          List.of(new IngestToken("a", t + 5), new IngestToken("c", t + 10)));
    }
    try (Database db = open.get()) {
      StateStore store = StateStore.create(db, clock);
      assertThat(store.ingestTokens(START))
          .containsExactly(new IngestToken("a", t), new IngestToken("b", t + 1),
              new IngestToken("c", t + 10));
      assertThat(store.ingestTokens(START.plusMillis(2))).extracting(IngestToken::token)
          .containsExactly("c");

      clock.advance(Database.INGEST_TOKEN_RETENTION.plus(Duration.ofMillis(5)));
      store.prune();
      assertThat(store.ingestTokens(START)).extracting(IngestToken::token).containsExactly("c");
    }
  }

  @Test
  void tokens_ofAFailedCommit_areNotStored() {
    Path file = dir.resolve("state.db");
    Fixtures.ManualClock clock = new Fixtures.ManualClock(START);
    EngineSnapshot empty = new EngineSnapshot(START.toEpochMilli() + 60_000, List.of(), List.of());
    try (Database db = Database.open(DatabaseConfig.sqlite(file))) {
      StateStore store = StateStore.create(db, clock);
      // a commit that fails (here: called inside another transaction) stores nothing of it
      db.transaction(c -> {
        try {
          store.commit(StateCommit.of(empty), Integer.MAX_VALUE,
              List.of(new IngestToken("lost", START.toEpochMilli())));
        } catch (IllegalStateException expected) {
          // commit must not run inside another transaction
        }
        return null;
      });
      assertThat(store.ingestTokens(START)).isEmpty();
    }
  }
}
