package io.mcpwatch.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The configuration file a command line names, told without picocli, for the prefetches ({@link
 * ConfigPrefetch}, {@link CheckPrefetch}) that read it while picocli builds the command. A command
 * uses a prefetch only for the file picocli parsed, so a wrong answer here costs CPU and nothing
 * else; whatever only picocli can tell (an unknown option, an option without its value, one
 * parameter too many) gives null, and no prefetch.
 *
 * <p>{@code -c FILE}, {@code -cFILE}, {@code -c=FILE}, {@code --config FILE} and {@code
 * --config=FILE} name it (the last one counts, as in picocli); for a command whose parameter is the
 * file ({@code validate PATH}) the parameter wins; else {@code mcpwatch.yaml}. {@code
 * ConfigArgumentTest} checks the option lists below against picocli's model of each command.
 */
record ConfigArgument(Set<String> valueOptions, Set<String> flags, boolean parameterIsTheFile) {
  /** {@code backtest}: its parameters are the inputs. */
  static final ConfigArgument BACKTEST =
      new ConfigArgument(
          Set.of(
              "--var",
              "--var-file",
              "--env",
              "--app",
              "--from",
              "--to",
              "--format",
              "--input-format",
              "--assume-start",
              "--assume-rate",
              "--log-group",
              "--timestamp-format",
              "--expect"),
          Set.of("-h", "--help", "-V", "--version", "--strip-ansi", "--no-early", "--no-progress"),
          false);

  /** {@code validate}: its one parameter is the file, instead of {@code -c}. */
  static final ConfigArgument VALIDATE =
      new ConfigArgument(
          Set.of("--format", "--var", "--var-file"),
          Set.of("-h", "--help", "-V", "--version"),
          true);

  /** The file {@code args} (the command's name first) names, or null when only picocli can tell. */
  @Nullable Path in(String[] args) {
    @Nullable String config = null;
    @Nullable String parameter = null;
    boolean options = true;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (options && a.equals("--")) {
        options = false;
      } else if (options && a.startsWith("-") && !a.equals("-")) {
        int eq = a.indexOf('=');
        String name = eq > 0 ? a.substring(0, eq) : a;
        boolean isConfig = name.equals("-c") || name.equals("--config");
        if (isConfig || valueOptions.contains(name)) {
          String value;
          if (eq > 0) {
            value = a.substring(eq + 1);
          } else if (i + 1 < args.length) {
            value = args[++i];
          } else {
            return null;
          }
          if (isConfig) {
            config = value;
          }
        } else if (a.startsWith("-c") && !a.startsWith("--")) {
          config = a.substring(2); // -cFILE
        } else if (!flags.contains(a)) {
          return null;
        }
      } else if (parameterIsTheFile) {
        if (parameter != null) {
          return null;
        }
        parameter = a;
      }
    }
    String file = parameter != null ? parameter : config != null ? config : ConfigOption.DEFAULT;
    try {
      return Path.of(file);
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
