package io.mcpwatch.configfile;

import io.mcpwatch.config.BindResult;
import io.mcpwatch.config.ConfigBinder;
import io.mcpwatch.config.ConfigError;
import io.mcpwatch.config.ConfigNode;
import io.mcpwatch.config.ConfigResolver;
import io.mcpwatch.config.Resolution;
import io.mcpwatch.lint.Finding;
import io.mcpwatch.lint.Linter;
import io.mcpwatch.lint.Severity;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads configuration files: YAML, binding, resolution and linting.
 *
 * <pre>{@code
 * LoadedConfig cfg = ConfigFiles.load(Path.of("mcpwatch.yaml"));   // ConfigFileException on errors
 * for (ResolvedAlarm a : cfg.alarms()) { ... }
 * }</pre>
 */
public final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * Reads, binds, resolves and lints {@code file} for a command that runs alarms.
   *
   * @return the resolved alarms and the warnings and infos (warnings never stop a command)
   * @throws ConfigFileException when the file cannot be read or has any error, listing every
   *     error as {@code FILE:LINE:COL: key.path: message}, one per line
   */
  public static LoadedConfig load(Path file) {
    return stage(file).load();
  }

  /**
   * {@link #load} in its two steps, for a command that can start on the resolved alarms while the
   * linter runs ({@code backtest}): {@link Staged#early} after reading, binding and resolving;
   * {@link Staged#load} then lints, checks the sources and returns or throws what {@link #load}
   * returns or throws ({@code load} is {@code stage(file).load()}).
   *
   * @throws ConfigFileException when the file cannot be read
   */
  public static Staged stage(Path file) {
    String text = read(file);
    return new Staged(file, resolve(file.toString(), text, System.getenv()));
  }

  /** A configuration file read, bound and resolved, not yet linted. See {@link #stage}. */
  public static final class Staged {
    private final Path file;
    private final ConfigCheck resolved;

    private Staged(Path file, ConfigCheck resolved) {
      this.file = file;
      this.resolved = resolved;
    }

    /**
     * The configuration to start with (no lint findings); null when reading, binding or resolving
     * found errors (then {@link #load} throws them).
     */
    public @Nullable LoadedConfig early() {
      if (!resolved.errors().isEmpty()
          || resolved.config() == null
          || resolved.resolution() == null) {
        return null;
      }
      return new LoadedConfig(file, resolved.config(), resolved.resolution().alarms(), List.of());
    }

    /**
     * What {@link ConfigFiles#load} returns for the file (the same configuration and alarms as
     * {@link #early}, with the lint's warnings and infos).
     *
     * @throws ConfigFileException listing every error, as {@link ConfigFiles#load} does
     */
    public LoadedConfig load() {
      return loaded(file, SourceFiles.apply(lint(resolved), baseDirectory(file)));
    }
  }

  /** The configuration of a check without errors, or the exception that lists them. */
  private static LoadedConfig loaded(Path file, ConfigCheck c) {
    if (c.errorCount() > 0 || c.config() == null || c.resolution() == null) {
      List<String> lines = new ArrayList<>();
      for (ConfigError e : c.errors()) {
        lines.add(e.render(c.file()));
      }
      for (Finding f : c.findings()) {
        if (f.severity() == Severity.ERROR) {
          lines.add(new ConfigError(f.path(), f.line(), f.column(), f.message()).render(c.file()));
        }
      }
      throw new ConfigFileException(c.file()
              + " has "
              + CheckReport.plural(lines.size(), "error")
              + ":\n"
              + String.join("\n", lines)
              + "\n(mcpwatch validate -c "
              + c.file()
              + " explains them and suggests fixes)");
    }
    List<Finding> rest =
        c.findings().stream()
            .filter(f -> f.severity() != Severity.ERROR)
            .collect(Collectors.toList());
    return new LoadedConfig(file, c.config(), c.resolution().alarms(), rest);
  }

  /**
   * Everything about {@code file}, with {@code ${NAME}} values from this process's environment;
   * never throws for configuration mistakes.
   *
   * @throws ConfigFileException when the file cannot be read
   */
  public static ConfigCheck check(Path file) {
    return check(file, System.getenv());
  }

  /**
   * Everything about {@code file}: the checks of {@link #check(String, String, Map)} plus those
   * that need the file system, with relative paths resolved against the file's directory (as {@code
   * mcpwatch run} resolves them): the source globs. (The subscriptions recorded in the service's
   * database are checked by {@code validate} itself.)
   *
   * @throws ConfigFileException when the file cannot be read
   */
  public static ConfigCheck check(Path file, Map<String, String> environment) {
    ConfigCheck c = check(file.toString(), read(file), environment);
    return SourceFiles.apply(c, baseDirectory(file));
  }

  /**
   * Reads {@code file} for a command that only reads the service's database ({@code status}):
   * parsed, bound and resolved for the alarms of {@code app} only (every app when null), and not
   * linted, so that one app's status among 10,000 alarms resolves a handful. Never throws for
   * configuration mistakes: the errors are in the result, and its {@code config} (when the YAML
   * parsed) still says where the database is.
   *
   * @throws ConfigFileException when the file cannot be read
   */
  public static ConfigCheck checkForReading(Path file, @Nullable String app) {
    String name = file.toString();
    ConfigNode root;
    try {
      root = YamlReader.parse(read(file));
    } catch (YamlReader.YamlException e) {
      return new ConfigCheck(name, null, null, List.of(e.error), List.of());
    }
    BindResult bound = ConfigBinder.bind(root, System.getenv());
    Resolution resolution =
        ConfigResolver.resolve(bound.config(), a -> app == null || app.equals(a));
    List<ConfigError> errors = new ArrayList<>(bound.errors());
    errors.addAll(resolution.errors());
    errors.sort(null);
    return new ConfigCheck(name, bound.config(), resolution, errors, List.of());
  }

  /** The directory that relative paths in {@code file} are resolved against: the file's own. */
  public static Path baseDirectory(Path file) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    return dir == null ? Path.of("").toAbsolutePath() : dir;
  }

  /** Checks configuration text with this process's environment; {@code name} is for messages. */
  public static ConfigCheck check(String name, String text) {
    return check(name, text, System.getenv());
  }

  /**
   * Checks configuration text without touching the file system; {@code ${NAME}} values come from
   * {@code environment}. No message shows a secret.
   */
  public static ConfigCheck check(String name, String text, Map<String, String> environment) {
    return lint(resolve(name, text, environment));
  }

  /** YAML, binding and resolution: a check without lint findings. */
  private static ConfigCheck resolve(String name, String text, Map<String, String> environment) {
    ConfigNode root;
    try {
      root = YamlReader.parse(text);
    } catch (YamlReader.YamlException e) {
      return new ConfigCheck(name, null, null, List.of(e.error), List.of());
    }
    BindResult bound = ConfigBinder.bind(root, environment);
    Resolution resolution = ConfigResolver.resolve(bound.config());
    List<ConfigError> errors = new ArrayList<>(bound.errors());
    errors.addAll(resolution.errors());
    errors.sort(null);
    return new ConfigCheck(name, bound.config(), resolution, errors, List.of());
  }

  /** The check with the linter's findings (none when the YAML did not parse). */
  private static ConfigCheck lint(ConfigCheck resolved) {
    if (resolved.config() == null || resolved.resolution() == null) {
      return resolved;
    }
    return new ConfigCheck(resolved.file(), resolved.config(), resolved.resolution(),
        resolved.errors(), Linter.lint(resolved.config(), resolved.resolution()));
  }

  /**
   * The starting configuration that {@code mcpwatch init} writes and {@code mcpwatch demo} runs:
   * ADR-0003's four MCP servers in two environments, with comments where it differs from the ADR.
   */
  public static String initTemplate() {
    try (java.io.InputStream in = ConfigFiles.class.getResourceAsStream("mcpwatch-init.yaml")) {
      if (in == null) {
        throw new IllegalStateException("the init template is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the init template", e);
    }
  }

  private static String read(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw new ConfigFileException(file + ": no such file (mcpwatch init writes a starting point)");
    } catch (CharacterCodingException e) {
      throw new ConfigFileException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigFileException(file + ": cannot read: " + e.getMessage());
    }
  }
}
