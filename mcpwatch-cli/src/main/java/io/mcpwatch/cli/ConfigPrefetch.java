package io.mcpwatch.cli;

import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * {@code backtest}'s configuration, read while picocli parses the command line and linted while the
 * replay starts (issue 14: on two cores, ~0.1 s of picocli's reflection, ~0.15 s of reading and
 * resolving a small configuration and ~0.05 s of linting it, 0.4 s in all with 10,000 alarms, ran
 * one after the other while the second core idled).
 *
 * <p>The file is guessed from the arguments ({@link ConfigArgument}) and staged with {@link
 * ConfigFiles#stage} on a daemon thread: read, bound and resolved, then linted. {@link #early}
 * hands the resolved configuration only for the file picocli parsed (null for any other file or a
 * Terraform configuration: the command then loads it itself, so a wrong guess costs only CPU);
 * {@link #load} is then what {@link ConfigFiles#load} returns or throws, which the command awaits
 * before it prints anything or reports any other error, so that a configuration error is reported
 * as a sequential load reports it; {@link #failFast} lets a long replay stop as soon as the lint
 * has found an error. A command line that picocli rejects leaves the thread to finish on its own
 * (the process exits meanwhile).
 */
final class ConfigPrefetch {
  static final String THREAD = "mcpwatch-config-prefetch";

  private final Path file;
  private final Outcome<ConfigFiles.Staged> staged = new Outcome<>();
  private final Outcome<LoadedConfig> loaded = new Outcome<>();
  private boolean taken;

  private ConfigPrefetch(Path file) {
    this.file = file;
  }

  /**
   * Starts reading the configuration of a {@code backtest} command line; null for other commands.
   */
  static @Nullable ConfigPrefetch start(String[] args) {
    if (args.length == 0 || !"backtest".equals(args[0])) {
      return null;
    }
    @Nullable Path file = ConfigArgument.BACKTEST.in(args);
    if (file == null) {
      return null;
    }
    ConfigPrefetch p = new ConfigPrefetch(file);
    daemon(THREAD, new Load(p));
    return p;
  }

  /**
   * Starts {@code work} on a daemon thread: a prefetch never keeps the process alive. (The work is
   * a class, not a lambda: the first lambda's bootstrap would delay the thread's start.)
   */
  static void daemon(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    t.start();
  }

  /** The thread's work: stage, then lint. */
  private static final class Load implements Runnable {
    private final ConfigPrefetch p;

    Load(ConfigPrefetch p) {
      this.p = p;
    }

    @Override
    public void run() {
      ConfigFiles.Staged s;
      try {
        // a Terraform configuration (a directory, *.tf) is the command's to import, with its
        // variables
        s = TerraformSupport.isTerraform(p.file) ? null : ConfigFiles.stage(p.file);
        p.staged.set(s, null);
      } catch (RuntimeException | Error e) {
        p.staged.set(null, e);
        p.loaded.set(null, e);
        return;
      }
      try {
        p.loaded.set(s == null ? null : s.load(), null);
      } catch (RuntimeException | Error e) {
        p.loaded.set(null, e);
      }
    }
  }

  /**
   * The resolved configuration of {@code parsed}, without lint findings, once: null when this
   * prefetch read another file, {@code parsed} is a Terraform configuration, or it was taken
   * already. Waits for the resolution (not the lint).
   *
   * @throws RuntimeException what {@link ConfigFiles#load} throws for the file when it cannot be
   *     read or has errors before lint (a {@code ConfigFileException})
   */
  @Nullable LoadedConfig early(Path parsed) {
    if (taken || !file.equals(parsed)) {
      return null;
    }
    taken = true;
    ConfigFiles.Staged s = staged.get();
    if (s == null) {
      return null;
    }
    LoadedConfig early = s.early();
    return early != null ? early : load(); // load() throws the errors
  }

  /**
   * What {@link ConfigFiles#load} returns for the file: {@link #early}'s configuration with the
   * lint's warnings and infos. Waits for the lint.
   *
   * @throws RuntimeException what {@link ConfigFiles#load} throws (a {@code ConfigFileException})
   */
  LoadedConfig load() {
    LoadedConfig l = loaded.get();
    if (l == null) {
      throw new IllegalStateException("the prefetch read a Terraform configuration");
    }
    return l;
  }

  /** Throws what {@link #load} would, if the lint has already ended with errors; else nothing. */
  void failFast() {
    if (loaded.isDone()) {
      loaded.get();
    }
  }
}
