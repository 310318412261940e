package io.mcpwatch.storage.state;

import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The child process of {@link CrashRecoveryTest}: opens the database given as the argument, prints
 * {@code loaded N}, then commits {@link CrashModel} commits N+1, N+2, ... forever, printing {@code
 * committed K} after each commit returned. The parent kills it with SIGKILL.
 */
final class CrashChild {

  private CrashChild() {}

  public static void main(String[] args) {
    long[] clock = {0};
    InstantSource source = () -> Instant.ofEpochSecond(clock[0]);
    Database db = Database.open(DatabaseConfig.sqlite(Path.of(args[0])));
    StateStore store = StateStore.create(db, source);
    long n = store.load().map(SavedState::commitNumber).orElse(0L);
    System.out.println("loaded " + n);
    System.out.flush();
    CrashModel model = new CrashModel();
    while (true) {
      n++;
      clock[0] = CrashModel.at(n).getEpochSecond();
      long committed = store.commit(model.commit(n));
      if (committed != n) {
        throw new IllegalStateException("commit " + n + " got number " + committed);
      }
      System.out.println("committed " + n);
      System.out.flush();
    }
  }
}
