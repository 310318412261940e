package io.mcpwatch.live;

import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.state.SavedState;
import io.mcpwatch.storage.state.StateStore;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The storage side of a start, on its own thread while the starting thread builds the engine
 * (issue 14: with 10,000 alarms each takes about half a second, and the machine has two cores):
 * opens the database (its lock, Flyway), then starts loading the signing key (only once the lock is
 * held) and reads the last commit. {@link #join} always waits for the thread, so a start that fails
 * on either side leaves no thread running and can release what was opened; the failures keep
 * the order of a sequential start (see {@link LiveService#start}).
 */
final class OpeningStorage {
  private final Thread thread;
  private @Nullable Database db;
  private @Nullable BackgroundSigningKeys keys;
  private @Nullable StateStore state;
  private Optional<SavedState> saved = Optional.empty();
  private @Nullable Throwable failure;

  private OpeningStorage(
      Supplier<Database> open, java.nio.file.Path keyDirectory, InstantSource clock) {
    this.thread = new Thread(() -> run(open, keyDirectory, clock), "mcpwatch-start-storage");
    this.thread.setDaemon(true);
  }

  /** Starts opening: {@code open} opens the database (its failure is the start's first). */
  static OpeningStorage begin(
      Supplier<Database> open, java.nio.file.Path keyDirectory, InstantSource clock) {
    OpeningStorage o = new OpeningStorage(open, keyDirectory, clock);
    o.thread.start();
    return o;
  }

  private void run(Supplier<Database> open, java.nio.file.Path keyDirectory, InstantSource clock) {
    try {
      Database d = open.get();
      db = d;
      // the key files are written only by the service that holds the database lock
      keys = BackgroundSigningKeys.start(keyDirectory, clock);
      StateStore s = StateStore.create(d, clock);
      state = s;
      saved = s.load();
    } catch (RuntimeException | Error e) {
      failure = e;
    }
  }

  /**
   * Waits for the thread to finish (if this thread is interrupted meanwhile, it still waits, then
   * keeps the interrupt); the fields below are then safe to read.
   */
  OpeningStorage join() {
    Uninterruptibly.await(thread::join);
    return this;
  }

  /** The opened database, or null when opening it failed ({@link #failure}). */
  @Nullable Database database() {
    return db;
  }

  @Nullable BackgroundSigningKeys keys() {
    return keys;
  }

  @Nullable StateStore state() {
    return state;
  }

  Optional<SavedState> saved() {
    return saved;
  }

  /** What failed on the storage side (opening, the state), or null. */
  @Nullable Throwable failure() {
    return failure;
  }
}
