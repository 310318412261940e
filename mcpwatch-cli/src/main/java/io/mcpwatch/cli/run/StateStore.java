package io.mcpwatch.cli.run;

import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.notify.Outbox;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.SubscriptionStore;
import io.mcpwatch.source.tail.FileCheckpoint;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Port: where the live service keeps its state. One {@link #commit} is one atomic transaction:
 * the engine state, the positions of the sources valid after the events that produced it, and the
 * outbox items of the transitions in it. After a crash, {@link #load} returns the last commit, so
 * the service resumes without losing or counting twice any line a file source read.
 */
interface StateStore extends AutoCloseable {

  /** The last commit, or null when the service never committed. */
  @Nullable Committed load();

  /** Writes one commit atomically; throws (and changes nothing) when it cannot. */
  void commit(Commit commit);

  /** The durable outbox (delivered by the dispatcher thread). */
  Outbox outbox();

  /** The durable subscriptions. */
  SubscriptionStore subscriptions();

  /** Runs {@code work} (subscription changes) in one transaction. */
  <T> T transaction(Supplier<T> work);

  @Override
  void close();

  /**
   * One commit.
   *
   * @param snapshot the engine state
   * @param checkpoints per source key, the positions of its files after the committed events; a
   *     source missing here keeps its stored checkpoints
   * @param outbox new outbox items (ids are stable: enqueueing one twice stores it once)
   */
  record Commit(
      EngineSnapshot snapshot,
      Map<String, List<FileCheckpoint>> checkpoints,
      List<OutboxItem> outbox) {
    Commit {
      Objects.requireNonNull(snapshot, "snapshot");
      checkpoints = Map.copyOf(checkpoints);
      outbox = List.copyOf(outbox);
    }
  }

  /**
   * What {@link #load} returns.
   *
   * @param snapshot the engine state of the last commit
   * @param checkpoints per source key, the positions committed with it
   */
  record Committed(EngineSnapshot snapshot, Map<String, List<FileCheckpoint>> checkpoints) {
    Committed {
      Objects.requireNonNull(snapshot, "snapshot");
      checkpoints = Map.copyOf(checkpoints);
    }
  }
}
