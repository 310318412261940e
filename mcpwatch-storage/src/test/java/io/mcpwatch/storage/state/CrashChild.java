package io.mcpwatch.storage.state;

import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The child process of {@link CrashRecoveryTest}: opens the database given as the argument, prints
 * {@code loaded N}, then commits {@link CrashModel} commits N+1, N+2, ... forever, printing {@code
 * committed K} after each commit returned, also to the progress file given as the second argument
 * (one write per line: what the child wrote there before a SIGKILL stays readable, while a pipe's
 * last lines can be lost to the parent's reader when the process dies). The parent kills it with
 * SIGKILL.
 */
final class CrashChild {

  private CrashChild() {}

  public static void main(String[] args) throws IOException {
    long[] clock = {0};
    InstantSource source = () -> Instant.ofEpochSecond(clock[0]);
    Database db = Database.open(DatabaseConfig.sqlite(Path.of(args[0])));
    StateStore store = StateStore.create(db, source);
    long n = store.load().map(SavedState::commitNumber).orElse(0L);
    System.out.println("loaded " + n);
    System.out.flush();
    CrashModel model = new CrashModel();
    FileOutputStream progress = new FileOutputStream(args[1], true);
    while (true) {
      n++;
      clock[0] = CrashModel.at(n).getEpochSecond();
      long committed = store.commit(model.commit(n));
      if (committed != n) {
        throw new IllegalStateException("commit " + n + " got number " + committed);
      }
      progress.write(("committed " + n + "\n").getBytes(StandardCharsets.US_ASCII));
      System.out.println("committed " + n);
      System.out.flush();
    }
  }
}
