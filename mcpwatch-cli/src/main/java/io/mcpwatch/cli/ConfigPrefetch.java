package io.mcpwatch.cli;

import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * {@code backtest}'s configuration, read while picocli parses the command line (issue 14: on two
 * cores, ~0.1 s of picocli's reflection and ~0.1 s of reading and linting a small configuration, 0.4
 * s with 10,000 alarms, ran one after the other while the second core idled).
 *
 * <p>The file is guessed from the arguments ({@code -c FILE}, {@code -cFILE}, {@code -c=FILE},
 * {@code --config FILE}, {@code --config=FILE}, else {@code mcpwatch.yaml}) and loaded with {@link
 * ConfigFiles#load} on a daemon thread. {@link #take} hands the outcome (the loaded configuration,
 * or the very exception a load on the calling thread would have thrown) only for the file picocli
 * parsed; for any other file, or a Terraform configuration, it returns null and the command loads
 * the file itself. So the guess can be wrong without changing what the command does: it only costs
 * the CPU of the discarded load. A command line that picocli rejects leaves the thread to finish
 * on its own (the process exits meanwhile).
 */
final class ConfigPrefetch {
  static final String THREAD = "mcpwatch-config-prefetch";

  private final Path file;
  private final FutureTask<LoadedConfig> load;
  private boolean taken;

  private ConfigPrefetch(Path file) {
    this.file = file;
    // a Terraform configuration (a directory, *.tf) is the command's to import, with its variables
    this.load = new FutureTask<>(() -> TerraformSupport.isTerraform(file) ? null : ConfigFiles.load(file));
  }

  /** Starts reading the configuration of a {@code backtest} command line; null for other commands. */
  static @Nullable ConfigPrefetch start(String[] args) {
    if (args.length == 0 || !"backtest".equals(args[0])) {
      return null;
    }
    @Nullable Path file = configArgument(args);
    if (file == null) {
      return null;
    }
    ConfigPrefetch p = new ConfigPrefetch(file);
    Thread t = new Thread(p.load, THREAD);
    t.setDaemon(true);
    t.start();
    return p;
  }

  /**
   * The configuration of {@code parsed} as {@link ConfigFiles#load} returns it, once: null when
   * this prefetch read another file, {@code parsed} is a Terraform configuration, or it was taken
   * already.
   *
   * @throws RuntimeException whatever the load threw (a {@code ConfigFileException} for a file with
   *     errors or that cannot be read)
   */
  @Nullable LoadedConfig take(Path parsed) {
    if (taken || !file.equals(parsed)) {
      return null;
    }
    taken = true;
    try {
      return Uninterruptible.get(load);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * The file the arguments name with {@code -c} or {@code --config}, the default when none does, or
   * null when it cannot be told without picocli (an option without its value, a bad path).
   */
  static @Nullable Path configArgument(String[] args) {
    @Nullable String value = ConfigOption.DEFAULT;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        break;
      }
      if (a.equals("-c") || a.equals("--config")) {
        if (i + 1 >= args.length) {
          return null;
        }
        value = args[++i];
      } else if (a.startsWith("--config=")) {
        value = a.substring("--config=".length());
      } else if (a.startsWith("-c") && !a.startsWith("--")) {
        value = a.startsWith("-c=") ? a.substring(3) : a.substring(2);
      }
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** Waits for a future, keeping an interrupt for the caller. */
  private static final class Uninterruptible {
    static <T> T get(FutureTask<T> f) throws ExecutionException {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return f.get();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private Uninterruptible() {}
  }
}
