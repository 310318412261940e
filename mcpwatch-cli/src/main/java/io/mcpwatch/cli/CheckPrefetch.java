package io.mcpwatch.cli;

import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code validate}'s check of its configuration ({@link ConfigFiles#check}), run while picocli
 * parses the command line, as {@link ConfigPrefetch} reads {@code backtest}'s: on two cores the
 * check of a small file (~0.1 s) or of 10,000 alarms (~0.35 s) no longer waits for picocli's ~0.1 s.
 *
 * <p>The file is guessed from the arguments (the {@code PATH} parameter, else {@code -c FILE} in its
 * forms, else {@code mcpwatch.yaml}); {@link #check} hands the outcome only for the file picocli
 * parsed, and null for any other (the command then checks it itself) or for Terraform, which the
 * command imports with its variables. A wrong guess costs only CPU.
 */
final class CheckPrefetch {
  static final String THREAD = "mcpwatch-check-prefetch";

  /** {@code validate}'s options that take a value (picocli also accepts {@code --name=value}). */
  private static final Set<String> WITH_VALUE = Set.of("-c", "--config", "--format", "--var", "--var-file");
  /** Its options without a value. */
  private static final Set<String> FLAGS = Set.of("-h", "--help", "-V", "--version");

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
    @Nullable Path file = target(args);
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
        p.checked.set(TerraformSupport.isTerraform(p.file) ? null : ConfigFiles.check(p.file), null);
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

  /**
   * The file {@code validate} will check: its {@code PATH} parameter, else the value of {@code -c}
   * or {@code --config}, else the default; null when it cannot be told without picocli (an unknown
   * option, an option without its value, two parameters, a bad path).
   */
  static @Nullable Path target(String[] args) {
    @Nullable String config = null;
    @Nullable String path = null;
    boolean options = true;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (options && a.equals("--")) {
        options = false;
      } else if (options && a.startsWith("-") && !a.equals("-")) {
        int eq = a.indexOf('=');
        String name = eq > 0 ? a.substring(0, eq) : a;
        if (WITH_VALUE.contains(name)) {
          String value;
          if (eq > 0) {
            value = a.substring(eq + 1);
          } else if (i + 1 < args.length) {
            value = args[++i];
          } else {
            return null;
          }
          if (name.equals("-c") || name.equals("--config")) {
            config = value;
          }
        } else if (a.startsWith("-c") && !a.startsWith("--")) {
          config = a.substring(2); // -cFILE
        } else if (!FLAGS.contains(a)) {
          return null;
        }
      } else if (path == null) {
        path = a;
      } else {
        return null;
      }
    }
    String target = path != null ? path : config != null ? config : ConfigOption.DEFAULT;
    try {
      return Path.of(target);
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
