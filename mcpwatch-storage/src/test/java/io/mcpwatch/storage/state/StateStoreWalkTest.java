package io.mcpwatch.storage.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.notify.JdbcOutbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: after every commit of a random walk over snapshots (see {@link SnapshotWalk}), with
 * restarts in between (a new store that may or may not load first), a reader sees exactly the last
 * committed snapshot, every checkpoint and every outbox item.
 */
class StateStoreWalkTest {

  @TempDir Path dir;

  @Test
  void commitAndLoad_randomWalksRoundTripAfterEveryCommit() {
    qt().withExamples(6).forAll(longs().all()).checkAssert(seed -> walk(seed, sqlite(seed)));
  }

  @Test
  @Tag("slow")
  void commitAndLoad_manyRandomWalksRoundTrip() {
    qt().withExamples(80).forAll(longs().all()).checkAssert(seed -> walk(seed, sqlite(seed)));
  }

  private Supplier<Database> sqlite(long seed) {
    Path d = dir.resolve("walk-" + Long.toHexString(seed));
    return () -> Fixtures.sqlite(d);
  }

  /** One walk of 30 commits; {@code open} opens the same (initially empty) database each time. */
  static void walk(long seed, Supplier<Database> open) {
    Fixtures.ManualClock clock = new Fixtures.ManualClock(Fixtures.T0);
    SnapshotWalk walk = new SnapshotWalk(seed);
    Random r = new Random(seed);
    Database db = open.get();
    try (Database reader = Database.openReadOnly(db.config())) {
      StateStore store = StateStore.create(db, clock);
      StateStore check = StateStore.create(reader, clock);
      for (int step = 1; step <= 30; step++) {
        if (r.nextInt(6) == 0) {
          db.close();
          db = open.get();
          store = StateStore.create(db, clock);
          if (r.nextBoolean()) {
            store.load();
          }
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(store.commit(walk.step())).isEqualTo(step);
        SavedState saved = check.load().orElseThrow();
        assertThat(saved.commitNumber()).isEqualTo(step);
        assertThat(saved.engine()).as("seed %d step %d", seed, step).isEqualTo(walk.last);
        assertThat(saved.checkpoints()).isEqualTo(walk.checkpoints);
      }
      TreeSet<String> ids =
          new JdbcOutbox(reader)
              .items().stream().map(OutboxItem::id).collect(Collectors.toCollection(TreeSet::new));
      assertThat(ids).isEqualTo(walk.outboxIds);
    } finally {
      db.close();
    }
  }
}
