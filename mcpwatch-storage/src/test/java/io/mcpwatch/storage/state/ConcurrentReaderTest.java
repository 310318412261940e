package io.mcpwatch.storage.state;

import static io.mcpwatch.storage.state.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.storage.Database;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcpwatch status} beside a running service: SQLite WAL readers and the writer. */
class ConcurrentReaderTest {
  /** Own threads: blocked tasks on the common pool (one thread on two CPUs) starve others. */
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "test-worker");
            t.setDaemon(true);
            return t;
          });

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }


  @TempDir Path dir;
  private final Fixtures.ManualClock clock = new Fixtures.ManualClock(T0);

  /** Commit n: the alarm matched n events, its minute holds n samples, the checkpoint says n. */
  private static StateCommit commit(int n) {
    EngineSnapshot.AlarmSnapshot a =
        new EngineSnapshot.AlarmSnapshot(
            "prod",
            "a",
            Fixtures.spec("a", 60, 3, 5),
            n % 2 == 0 ? AlarmState.OK : AlarmState.ALARM,
            "r" + n,
            null,
            T0.toEpochMilli(),
            T0.toEpochMilli(),
            n,
            List.of());
    EngineSnapshot s =
        new EngineSnapshot(
            T0.plusSeconds(60).toEpochMilli(),
            List.of(a),
            List.of(
                new EngineSnapshot.SeriesSnapshot(
                    Fixtures.metric("prod", "teams"),
                    null,
                    List.of(new EngineSnapshot.Bucket(T0.toEpochMilli(), n, n, 1, 1)))));
    return StateCommit.of(s).withCheckpoint("src", SourceCheckpoint.opaque(String.valueOf(n)));
  }

  @Test
  void reader_seesTheLastCommitWhileTheWriterHoldsAnOpenTransaction() throws Exception {
    try (Database db = Fixtures.sqlite(dir);
        Database ro = Database.openReadOnly(db.config())) {
      StateStore.create(db, clock).commit(commit(1));
      CountDownLatch written = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Object> writer =
          CompletableFuture.supplyAsync(
              () ->
                  db.transaction(
                      c -> {
                        try (Statement s = c.createStatement()) {
                          s.executeUpdate("UPDATE engine_meta SET commit_seq = 99");
                        }
                        written.countDown();
                        await(release);
                        return null;
                      }), pool);
      assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(new StatusReader(ro).report(T0, 2, 3).commitNumber()).isEqualTo(1);
      release.countDown();
      writer.get(30, TimeUnit.SECONDS);
      assertThat(new StatusReader(ro).report(T0, 2, 3).commitNumber()).isEqualTo(99);
    }
  }

  @Test
  void writer_commitsWhileAReaderHoldsAnOpenReadTransaction() throws Exception {
    try (Database db = Fixtures.sqlite(dir);
        Database ro = Database.openReadOnly(db.config())) {
      StateStore store = StateStore.create(db, clock);
      store.commit(commit(1));
      CountDownLatch reading = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Long> reader =
          CompletableFuture.supplyAsync(
              () ->
                  ro.read(
                      c -> {
                        long before = new StatusReader(ro).report(T0, 2, 3).commitNumber();
                        reading.countDown();
                        await(release);
                        // still inside the same read transaction: still the same commit
                        return before * 1000 + new StatusReader(ro).report(T0, 2, 3).commitNumber();
                      }), pool);
      assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
      for (int n = 2; n <= 5; n++) {
        assertThat(store.commit(commit(n))).isEqualTo(n);
      }
      release.countDown();
      assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo(1001);
      assertThat(new StatusReader(ro).report(T0, 2, 3).commitNumber()).isEqualTo(5);
    }
  }

  @Test
  void reader_alwaysSeesWholeCommitsWhileTheWriterRuns() throws Exception {
    try (Database db = Fixtures.sqlite(dir);
        Database ro = Database.openReadOnly(db.config())) {
      StateStore store = StateStore.create(db, clock);
      AtomicBoolean done = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (int n = 1; n <= 80; n++) {
                    store.commit(commit(n));
                  }
                } catch (Throwable t) {
                  failure.set(t);
                } finally {
                  done.set(true);
                }
              },
              "test-writer");
      writer.setDaemon(true);
      writer.start();
      StatusReader status = new StatusReader(ro);
      int reads = 0;
      while (!done.get() || reads == 0) {
        StatusReport r = status.report(T0, 2, 3);
        reads++;
        if (r.commitNumber() == 0) {
          continue;
        }
        long n = r.commitNumber();
        assertThat(r.alarms().get(0).matchedEvents()).isEqualTo(n);
        assertThat(r.alarms().get(0).reason()).isEqualTo("r" + n);
        assertThat(r.alarms().get(0).minutes().get(0).sampleCount()).isEqualTo(n);
        assertThat(r.checkpoints().get(0).checkpoint())
            .isEqualTo(SourceCheckpoint.opaque(String.valueOf(n)));
      }
      writer.join(60_000);
      assertThat(failure.get()).isNull();
      assertThat(status.report(T0, 2, 3).commitNumber()).isEqualTo(80);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
