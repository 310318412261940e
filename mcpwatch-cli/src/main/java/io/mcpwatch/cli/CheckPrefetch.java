package io.mcpwatch.cli;

import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * {@code validate}'s check of its configuration ({@link ConfigFiles#check}), run while picocli
 * parses the command line, as {@link ConfigPrefetch} reads {@code backtest}'s: on two cores the
 * check of a small file (~0.1 s) or of 10,000 alarms (~0.35 s) no longer waits for picocli's ~0.1
 * s.
 *
 * <p>The file is guessed from the arguments ({@link ConfigArgument}: the {@code PATH} parameter,
 * else {@code -c}, else {@code mcpwatch.yaml}); {@link #check} hands the outcome only for the file
 * picocli parsed, and null for any other (the command then checks it itself) or for Terraform,
 * which the command imports with its variables. A wrong guess costs only CPU.
 */
final class CheckPrefetch {
  static final String THREAD = "mcpwatch-check-prefetch";

  private final Path file;
  private final Outcome<ConfigCheck> checked = new Outcome<>();
  private boolean taken;

  private CheckPrefetch(Path file) {
    this.file = file;
  }

  /** Starts checking the configuration of a {@code validate} command line; null for others. */
  static @Nullable CheckPrefetch start(String[] args) {
    if (args.length == 0 || !"validate".equals(args[0])) {
      return null;
    }
    @Nullable Path file = ConfigArgument.VALIDATE.in(args);
    if (file == null) {
      return null;
    }
    CheckPrefetch p = new CheckPrefetch(file);
    ConfigPrefetch.daemon(THREAD, new Check(p));
    return p;
  }

  /** The thread's work. */
  private static final class Check implements Runnable {
    private final CheckPrefetch p;

    Check(CheckPrefetch p) {
      this.p = p;
    }

    @Override
    public void run() {
      try {
        p.checked.set(
            TerraformSupport.isTerraform(p.file) ? null : ConfigFiles.check(p.file), null);
      } catch (RuntimeException | Error e) {
        p.checked.set(null, e);
      }
    }
  }

  /**
   * {@link ConfigFiles#check}{@code (parsed)}, once: null when this prefetch checked another file,
   * {@code parsed} is Terraform, or it was taken already.
   *
   * @throws RuntimeException what {@link ConfigFiles#check} throws (a {@code ConfigFileException}
   *     for a file that cannot be read)
   */
  @Nullable ConfigCheck check(Path parsed) {
    if (taken || !file.equals(parsed)) {
      return null;
    }
    taken = true;
    return checked.get();
  }
}
