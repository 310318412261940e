package io.mcpwatch.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code mcpwatch} command; each subcommand is one small class. */
@Command(
    name = "mcpwatch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "CloudWatch-compatible log-based security alarms for MCP servers.")
public final class McpwatchCommand implements java.util.concurrent.Callable<Integer> {

  /**
   * The subcommands by name, in the order help lists them. Picocli builds a command's model by
   * reflection over its annotations (~0.1-0.3 s for all of them on a cold JVM), so {@link
   * #commandLine(String...)} adds only the one the arguments name.
   */
  private static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

  static {
    SUBCOMMANDS.put("test-pattern", TestPatternCommand.class);
    SUBCOMMANDS.put("init", InitCommand.class);
    SUBCOMMANDS.put("validate", ValidateCommand.class);
    SUBCOMMANDS.put("backtest", BacktestCommand.class);
    SUBCOMMANDS.put("run", RunCommand.class);
    SUBCOMMANDS.put("status", StatusCommand.class);
    SUBCOMMANDS.put("subscriptions", SubscriptionsCommand.class);
    SUBCOMMANDS.put("demo", DemoCommand.class);
    SUBCOMMANDS.put("import", ImportCommand.class);
    SUBCOMMANDS.put("export", ExportCommand.class);
    SUBCOMMANDS.put("streams", StreamsCommand.class);
    SUBCOMMANDS.put("help", CommandLine.HelpCommand.class);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** No subcommand: the usage on stderr and exit 2, as for any other usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /**
   * A usage error as one line: picocli's message (without Java type names) and where help is:
   * {@code mcpwatch: Missing required option: '--env=ENV'; see `mcpwatch backtest --help`}.
   */
  static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    String name = cl.getCommandSpec().qualifiedName(" ");
    String message = String.valueOf(ex.getMessage()).strip();
    int nl = message.indexOf('\n');
    if (nl >= 0) {
      message = message.substring(0, nl).strip();
    }
    // picocli names the target type of a bad value ("... to OutputFormat (java.lang....)")
    message = message.replaceAll(" \\((java|io\\.mcpwatch)\\.[^)]*\\)", "")
        .replaceAll("\\b(io\\.mcpwatch|java)\\.[\\w.$]+\\.", "");
    if (message.endsWith(".")) {
      message = message.substring(0, message.length() - 1);
    }
    cl.getErr().println("mcpwatch: " + message + "; see `" + name + " --help`");
    cl.getErr().flush();
    return 2;
  }

  /**
   * {@link #usageError} as a class, not a lambda: picocli's classes are Java 5 class files, and a
   * lambda or method reference on one of their types links it while the launcher writes its
   * class-data archive, which then leaves {@code picocli.CommandLine} out (JDK 17: "Old class has
   * been linked"), so every command loaded and verified its 72 KB from the jar. (The same goes for
   * the loop over {@link #SUBCOMMANDS} in {@link #commandLine(String...)}.)
   */
  private static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      return usageError(ex, args);
    }
  }

  /** The configured command line with every subcommand (tests, help). */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The configured command line for these arguments: exit codes and user errors are mapped in one
   * place. When the first argument names a subcommand (other than {@code help}) only that one is
   * built; otherwise all are, so help, usage errors and suggestions see every command.
   */
  public static CommandLine commandLine(String... args) {
    String first = args.length > 0 ? args[0] : "";
    // started first: they read the configuration while picocli reflects on the commands
    @Nullable ConfigPrefetch prefetch = ConfigPrefetch.start(args);
    @Nullable CheckPrefetch check = CheckPrefetch.start(args);
    CommandLine cl = new CommandLine(new McpwatchCommand());
    Class<?> only = "help".equals(first) ? null : SUBCOMMANDS.get(first);
    if (only == BacktestCommand.class) {
      cl.addSubcommand(first, new BacktestCommand(prefetch));
    } else if (only == ValidateCommand.class) {
      cl.addSubcommand(first, new ValidateCommand(check));
    } else if (only != null) {
      cl.addSubcommand(first, only);
    } else {
      for (Map.Entry<String, Class<?>> e : SUBCOMMANDS.entrySet()) {
        cl.addSubcommand(e.getKey(), e.getValue());
      }
    }
    cl.setExecutionExceptionHandler(new UserErrorHandler());
    cl.setParameterExceptionHandler(new UsageErrors());
    // Reports carry user text and sparklines: always UTF-8, whatever the platform charset.
    cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    return cl;
  }
}
