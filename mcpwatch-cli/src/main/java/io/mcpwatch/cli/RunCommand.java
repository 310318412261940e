package io.mcpwatch.cli;

import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.live.Hangup;
import io.mcpwatch.live.LiveService;
import io.mcpwatch.live.RunListener;
import io.mcpwatch.live.RunOptions;
import io.mcpwatch.live.ServicePlan;
import io.mcpwatch.live.WarmUp;
import io.mcpwatch.lint.Severity;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcpwatch run}: the live service. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs every configured alarm on the real clock: tails the configured log files (and stdin,"
          + " HTTP ingest), evaluates at each boundary and fires early when the next evaluation is"
          + " certain, sends notifications, and keeps its state in the database so a restart"
          + " continues exactly where it stopped.",
      "Stops cleanly on Ctrl-C / SIGTERM; SIGHUP reloads the configuration (alarms, topics,"
          + " sources) keeping alarm states.",
      "Example: kubectl logs -f deploy/teams | mcpwatch run -c mcpwatch.yaml --stdin prod/teams"
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @picocli.CommandLine.Mixin ConfigOption c;

  @Option(names = "--app", paramLabel = "APP",
      description = "Run only this app's alarms and sources.")
  @Nullable String app;

  @Option(names = "--stdin", paramLabel = "[ENV/]APP",
      description = "Also read log lines from stdin as APP's logs (in ENV only, or every"
          + " environment APP is in). Time of each event: a timestamp at line start, else the"
          + " time it was read.")
  @Nullable String stdin;

  @Option(names = "--no-early",
      description = "Evaluate only at period boundaries, like CloudWatch (no early firing).")
  boolean noEarly;

  @Option(names = "--port", paramLabel = "PORT",
      description = "HTTP port instead of the configured one (0 = any free port).")
  @Nullable Integer port;

  /**
   * Starts the service and stops it at once (a clean stop: last commit, database closed). Hidden:
   * the launcher's class-data training runs {@code run} this way, so the archive holds the classes
   * the service loads at start-up (Jetty, Javalin, Flyway, SQLite) and no process is left behind.
   */
  @Option(names = "--exit-after-start", hidden = true)
  boolean exitAfterStart;

  @Override
  public Integer call() throws InterruptedException {
    LiveService service;
    // logging, the database's and the HTTP server's classes load on a second thread meanwhile;
    // it is waited for once the start has ended (it is done by then), whether it failed or not
    try (WarmUp warmUp = WarmUp.begin()) {
      LoadedConfig loaded = ConfigFiles.load(c.config);
      long warnings =
          loaded.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
      if (warnings > 0) {
        spec.commandLine().getErr().println("mcpwatch: " + c.config + " has " + warnings
            + " lint warning(s); mcpwatch validate -c " + c.config + " shows them");
      }
      RunOptions options = RunOptions.defaults().withApp(app).withNoEarly(noEarly)
          .withStdin(stdin).withHttpPort(port);
      ServicePlan plan = ServicePlan.of(loaded, options);
      warmUp.awaitLogging(); // the service logs from here on
      service = LiveService.start(plan, RunListener.NONE, InstantSource.system(), System.in);
    }
    if (exitAfterStart) {
      service.stop();
      return service.failed() ? 1 : 0;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "mcpwatch-shutdown"));
    Hangup.onHangup(service::reload);
    service.awaitTermination();
    return service.failed() ? 1 : 0;
  }
}
