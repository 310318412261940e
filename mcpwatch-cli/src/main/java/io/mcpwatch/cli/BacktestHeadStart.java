package io.mcpwatch.cli;

import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.lint.Severity;
import io.mcpwatch.live.Uninterruptibly;
import io.mcpwatch.replay.BacktestReport;
import io.mcpwatch.replay.Replay;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.EventReaders;
import io.mcpwatch.source.read.InputFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A head start for {@code mcpwatch backtest} on the second CPU (issue 14: a backtest of 256 MiB
 * spent about a third of its time before and after the replay, running code once). While the main
 * thread reads the command line (picocli builds its model by reflection, ~0.1 s), this thread
 * reads and checks the configuration file the arguments name ({@code -c FILE}, {@code --config
 * FILE}, {@code --config=FILE} or the default), which the command then takes instead of reading it
 * again ({@link #config}: the same call, so the same result or the same error). It then replays a
 * few embedded JSON lines through a small configuration of the same pattern kinds and writes their
 * reports, which loads, links and initializes what the backtest runs after its configuration. It
 * prints nothing, and a failure in its second step is ignored. The backtest {@link #stop}s it when
 * its replay starts: it then ends after its current step.
 *
 * <pre>{@code
 * BacktestHeadStart h = BacktestHeadStart.begin(args);   // first thing in main
 * LoadedConfig c = h.config(configPath);                 // once picocli has parsed the arguments
 * h.stop();                                               // the replay starts
 * }</pre>
 */
final class BacktestHeadStart implements AutoCloseable {
  /** The thread's name. */
  static final String THREAD = "mcpwatch-warm-up";

  /**
   * A small configuration with one alarm of each pattern kind the ADR's alarms use (a quoted term,
   * space-delimited fields with wildcards and an OR, a %regex%) and a JSON one.
   */
  private static final String CONFIG = String.join("\n",
      "namespace: MCP/Security",
      "logGroup: /ecs/{env}/{app}",
      "alarmName: \"{app}-{env}-{alarm}\"",
      "environments:",
      "  prod: { topic: alarms-prod, subscribers: [ { email: owners@example.com } ] }",
      "apps: [teams]",
      "defaults: { period: 300, evaluationPeriods: 1, statistic: Sum, comparison: GreaterThanOrEqualToThreshold,",
      "  treatMissingData: notBreaching, metricValue: \"1\", dimensions: { MCP: \"{app}\" },",
      "  alarmActions: [\"{topic}\"], okActions: [\"{topic}\"] }",
      "alarms:",
      "  auth-failures: { metric: OBOAuthFailures, pattern: '\"OBO token exchange failed\"', threshold: 5 }",
      "  errors: { metric: Errors, pattern: '[level=\"ERROR:*\" || level=\"CRITICAL:*\", ...]', threshold: 20 }",
      "  http-4xx: { metric: HTTP4xx, pattern: '[level, client, dash, request=*HTTP*, status=4*, ...]', threshold: 50 }",
      "  http-5xx: { metric: HTTP5xx, pattern: '%HTTP/1\\.1\\x22 5%', threshold: 10 }",
      "  json: { metric: Json, pattern: '{ $.level = \"ERROR\" }', threshold: 10 }",
      "");

  /** The configuration's environment. */
  private static final String ENV = "prod";

  /**
   * Events of its log group: an access line, an ERROR record and five OBO failures in one period,
   * which fire {@code teams-prod-auth-failures}.
   */
  private static final String LINES = lines(
      "{\"timestamp\":1772409600021,\"message\":\"INFO:     10.0.0.1:42106 - \\\"POST /mcp HTTP/1.1\\\" 401"
          + " Unauthorized\",\"logGroup\":\"/ecs/prod/teams\"}",
      "{\"timestamp\": 1772409610021, \"message\": \"ERROR:teams_mcp.tools:tool failed\", \"logGroup\":"
          + " \"/ecs/prod/teams\"}");

  private final Thread thread;
  private final @Nullable Path configGuess;
  private final CompletableFuture<LoadedConfig> config = new CompletableFuture<>();
  private volatile boolean stopped;
  private volatile Replay.@Nullable Result result;

  private BacktestHeadStart(@Nullable Path configGuess) {
    this.configGuess = configGuess;
    this.thread = new Thread(this::run, THREAD);
    this.thread.setDaemon(true);
  }

  /** Starts the head start for the arguments of {@code mcpwatch backtest ...}. */
  static BacktestHeadStart begin(String... args) {
    BacktestHeadStart h = new BacktestHeadStart(configNamed(args));
    h.thread.start();
    return h;
  }

  /**
   * The configuration file that picocli will make of {@code -c}/{@code --config} (the default
   * without one), or null when the arguments are not simple enough to tell.
   */
  static @Nullable Path configNamed(String... args) {
    String named = null;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        break;
      }
      String value = null;
      if (a.equals("-c") || a.equals("--config")) {
        if (i + 1 >= args.length) {
          return null;
        }
        value = args[++i];
      } else if (a.startsWith("--config=")) {
        value = a.substring("--config=".length());
      } else if (a.startsWith("-c") || a.startsWith("--c")) {
        return null; // -cFILE, an abbreviation: leave it to picocli
      }
      if (value != null) {
        if (named != null) {
          return null; // given twice: picocli says what is wrong
        }
        named = value;
      }
    }
    try {
      return Path.of(named == null ? ConfigOption.DEFAULT : named);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /**
   * The configuration {@code ConfigFiles.load(file)} reads: the one read ahead when it is the file
   * the arguments named, else read now. Throws what that call throws.
   */
  LoadedConfig config(Path file) {
    if (configGuess == null || !configGuess.equals(file)) {
      return ConfigFiles.load(file);
    }
    try {
      return config.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof NotReadAhead) {
        return ConfigFiles.load(file);
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** The file was not read ahead (Terraform: the command reads it its own way). */
  private static final class NotReadAhead extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotReadAhead() {
      super(null, null, false, false);
    }
  }

  private static String lines(String access, String error) {
    StringBuilder b = new StringBuilder(access).append('\n').append(error).append('\n');
    for (int i = 0; i < 5; i++) {
      b.append("{\"timestamp\":").append(1772409620021L + i * 1000L)
          .append(",\"message\":\"ERROR:teams_mcp.auth:OBO token exchange failed\",\"logGroup\":")
          .append("\"/ecs/prod/teams\"}\n");
    }
    return b.toString();
  }

  private void run() {
    if (configGuess != null) {
      try {
        if (!TerraformSupport.isTerraform(configGuess)) {
          config.complete(ConfigFiles.load(configGuess));
        }
      } catch (RuntimeException | Error e) {
        config.completeExceptionally(e);
      } finally {
        config.completeExceptionally(new NotReadAhead()); // unless it completed above
      }
    }
    try {
      warmUp();
    } catch (IOException | RuntimeException | LinkageError e) {
      // only a head start: the backtest itself runs and reports everything
    }
  }

  private void warmUp() throws IOException {
    ConfigCheck c = ConfigFiles.check("warm-up.yaml", CONFIG, Map.of());
    if (stopped || c.config() == null || c.resolution() == null) {
      return;
    }
    LoadedConfig loaded = new LoadedConfig(Path.of("warm-up.yaml"), c.config(),
        c.resolution().alarms(),
        c.findings().stream().filter(f -> f.severity() != Severity.ERROR).collect(Collectors.toList()));
    List<ResolvedAlarm> alarms = loaded.alarms().stream()
        .filter(a -> a.env().equals(ENV)).collect(Collectors.toList());
    Replay.Result r;
    try (EventReader reader = EventReaders.inTimeOrder(List.of(EventReaders.open(
        new ByteArrayInputStream(LINES.getBytes(StandardCharsets.UTF_8)), "warm-up",
        BacktestCommand.readOptions(alarms, InputFormat.AUTO, null, null, false, null))))) {
      r = Replay.run(alarms, reader, BacktestCommand.engineOptions(loaded, false), null, null, n -> {},
          false);
    }
    if (stopped) {
      return;
    }
    BacktestReport.json(r, ENV, Writer.nullWriter()); // as the command writes it
    if (stopped) {
      return;
    }
    BacktestReport.text(r, ENV);
    result = r;
  }

  /** The warm-up's replay once it ran to the end (tests), else null. */
  Replay.@Nullable Result result() {
    return result;
  }

  /**
   * Asks the warm-up to stop after its current step, without waiting: called when the backtest's
   * replay starts, whose threads need the CPUs.
   */
  void stop() {
    stopped = true;
  }

  /** Waits for the warm-up to run to its end, unless it is stopped (tests). */
  void awaitEnd() {
    Uninterruptibly.await(thread::join);
  }

  /** Stops the warm-up after its current step and waits for it. */
  @Override
  public void close() {
    stop();
    Uninterruptibly.await(thread::join);
  }
}
