package io.mcpwatch.storage.notify;

import static io.mcpwatch.storage.notify.OutboxContract.T;
import static io.mcpwatch.storage.notify.OutboxContract.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.notify.Attempt;
import io.mcpwatch.notify.AttemptOutcome;
import io.mcpwatch.notify.Outbox;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.OutboxStatus;
import io.mcpwatch.notify.SubscriptionStore;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.Durability;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC outbox and subscription store on SQLite: the port contracts plus durability. */
class JdbcNotifyStoresTest {
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
  Database db;

  @BeforeEach
  void open() {
    db = Database.open(config());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private DatabaseConfig config() {
    return DatabaseConfig.sqlite(dir.resolve("s.db")).withDurability(Durability.PROCESS_CRASH);
  }

  @Nested
  class Outboxes extends OutboxContract {
    @Override
    Outbox outbox() {
      return new JdbcOutbox(db);
    }

    @Override
    List<OutboxItem> items() {
      return new JdbcOutbox(db).items();
    }

    @Override
    List<Attempt> attempts(String id) {
      return new JdbcOutbox(db).attempts(id);
    }
  }

  @Nested
  class Subscriptions extends SubscriptionStoreContract {
    @Override
    SubscriptionStore store() {
      return new JdbcSubscriptionStore(db);
    }
  }

  @Test
  void enqueue_joinsTheCallersTransaction() {
    JdbcOutbox outbox = new JdbcOutbox(db);
    assertThatThrownBy(
            () ->
                db.transaction(
                    c -> {
                      outbox.enqueue(List.of(item("a", T, T)));
                      new JdbcSubscriptionStore(db)
                          .put(SubscriptionStoreContract.pending("s", "x@y.z", "t"));
                      throw new IllegalStateException("the state change failed");
                    }))
        .hasMessage("the state change failed");
    assertThat(outbox.items()).isEmpty();
    assertThat(new JdbcSubscriptionStore(db).all()).isEmpty();
  }

  @Test
  void itemsAttemptsAndSubscriptionsSurviveAReopen() {
    JdbcOutbox outbox = new JdbcOutbox(db);
    outbox.enqueue(List.of(item("a", T, T)));
    Attempt first = new Attempt(1, T, AttemptOutcome.TEMPORARY_FAILURE, "SMTP 451");
    outbox.markAttempt("a", first, T.plusSeconds(20));
    new JdbcSubscriptionStore(db).put(SubscriptionStoreContract.pending("s", "x@y.z", "t"));
    db.close();
    db = Database.open(config());
    JdbcOutbox again = new JdbcOutbox(db);
    assertThat(again.item("a"))
        .get()
        .extracting(OutboxItem::attempts, OutboxItem::nextAttemptAt)
        .containsExactly(1, T.plusSeconds(20));
    assertThat(again.attempts("a")).containsExactly(first);
    assertThat(new JdbcSubscriptionStore(db).byToken("t")).isPresent();
  }

  @Test
  void outbox_isSafeForConcurrentProducersAndTheDispatcher() throws Exception {
    JdbcOutbox outbox = new JdbcOutbox(db);
    List<CompletableFuture<Void>> producers = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      int producer = p;
      producers.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < 25; i++) {
                  outbox.enqueue(List.of(item(producer + "-" + i, T, T)));
                }
              }, pool));
    }
    CompletableFuture<Void> all =
        CompletableFuture.allOf(producers.toArray(new CompletableFuture<?>[0]));
    int delivered = 0;
    boolean drained = false;
    while (!drained) {
      boolean producing = !all.isDone();
      List<OutboxItem> due = outbox.due(T, 10);
      for (OutboxItem i : due) {
        outbox.markDelivered(i.id(), new Attempt(1, T, AttemptOutcome.DELIVERED, ""));
        delivered++;
      }
      drained = !producing && due.isEmpty();
    }
    all.get();
    assertThat(delivered).isEqualTo(100);
    assertThat(outbox.items()).hasSize(100).allMatch(i -> i.status() == OutboxStatus.DELIVERED);
  }
}
