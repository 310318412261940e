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
   * Starts the service and stops it at once (a clean stop: last commit, database closed), leaving
   * no process behind. Hidden: a check that the service starts ({@code --exit-after-ingest} also
   * serves one request).
   */
  @Option(names = "--exit-after-start", hidden = true)
  boolean exitAfterStart;

  /**
   * Starts the service, posts one event of the first alarm's log group to its own loopback ingest
   * endpoint, waits for the answer and stops cleanly. Hidden: the launcher's class-data training
   * runs {@code run} this way, so the archive also holds the classes of serving a request (Jetty's
   * request path, the ingest parser, the commit that answers it): with 10,000 alarms the first
   * ingest is answered ~0.1 s sooner (docs/benchmarks.md, section 15). Exit 1 unless it got 200.
   */
  @Option(names = "--exit-after-ingest", hidden = true)
  boolean exitAfterIngest;

  @Override
  public Integer call() throws InterruptedException {
    LiveService service;
    String logGroup;
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
      logGroup = loaded.alarms().isEmpty() ? "/mcpwatch/training" : loaded.alarms().get(0).logGroup();
      warmUp.awaitLogging(); // the service logs from here on
      service = LiveService.start(plan, RunListener.NONE, InstantSource.system(), System.in);
    }
    if (exitAfterStart) {
      service.stop();
      return service.failed() ? 1 : 0;
    }
    if (exitAfterIngest) {
      int status = ingestOne(service, logGroup);
      service.stop();
      return service.failed() || status != 200 ? 1 : 0;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "mcpwatch-shutdown"));
    Hangup.onHangup(service::reload);
    service.awaitTermination();
    return service.failed() ? 1 : 0;
  }

  /**
   * Posts one uvicorn access line (a 404) to the service's own ingest endpoint; its HTTP status, or
   * -1.
   */
  private static int ingestOne(LiveService service, String logGroup) {
    java.net.URI base = service.httpUri();
    if (base == null) {
      return -1;
    }
    java.util.Map<String, Object> event = new java.util.LinkedHashMap<>();
    event.put("timestamp", System.currentTimeMillis());
    event.put("logGroup", logGroup);
    event.put("message", "INFO:     127.0.0.1:40000 - \"GET /training HTTP/1.1\" 404 Not Found");
    String line = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(event)
        + "\n";
    byte[] body = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try {
      java.net.HttpURLConnection c =
          (java.net.HttpURLConnection) base.resolve("/v1/logs").toURL().openConnection();
      c.setConnectTimeout(10_000);
      c.setReadTimeout(30_000);
      c.setDoOutput(true);
      c.setRequestMethod("POST");
      c.setRequestProperty("Content-Type", "application/x-ndjson");
      c.setFixedLengthStreamingMode(body.length);
      try (java.io.OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int status = c.getResponseCode();
      try (java.io.InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        if (in != null) {
          in.readAllBytes();
        }
      }
      return status;
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
