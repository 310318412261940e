package io.mcpwatch.demo;

import io.mcpwatch.live.LiveService;
import io.mcpwatch.live.ServicePlan;
import io.mcpwatch.live.RunOptions;
import io.mcpwatch.live.ScaledClock;
import io.mcpwatch.live.Subscriptions;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.live.ServiceException;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.config.ServiceSettings.SourceSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@code mcpwatch demo}: the live service on the ADR-0003 configuration with simulated MCP
 * servers. Writes {@code <dir>/mcpwatch.yaml} (the {@code init} template), lets {@link
 * DemoSimulator} write eight log files into {@code <dir>/logs/}, tails them, keeps state in {@code
 * <dir>/mcpwatch-data/} (so {@code mcpwatch status -c <dir>/mcpwatch.yaml} works), writes
 * e-mails as .eml files into {@code <dir>/mcpwatch-data/mailbox/}, and prints a live view.
 */
public final class Demo {
  /** Marks a directory the demo may clear on its next start. */
  static final String MARKER = ".mcpwatch-demo";
  /** How much faster the clock runs with {@code --fast}. */
  public static final double FAST = 10;
  private static final int DEMO_PORT = 8787;

  private Demo() {}

  /**
   * Runs the demo until {@code duration} has passed (real time) or the process is stopped.
   *
   * @param template the configuration to run (the init template)
   * @param duration null: until Ctrl-C
   * @return the exit code
   */
  public static int run(
      Path dir, String template, @Nullable Duration duration, boolean fast, PrintWriter out)
      throws InterruptedException {
    prepare(dir);
    Path config = dir.resolve("mcpwatch.yaml");
    write(config, template);
    LoadedConfig loaded = ServicePlan.withService(ConfigFiles.load(config), settings());
    double speed = fast ? FAST : 1;
    InstantSource clock = fast ? new ScaledClock(FAST) : InstantSource.system();
    DemoConsole console = new DemoConsole(out, clock);
    ServicePlan plan = ServicePlan.of(loaded, RunOptions.defaults().withHttpPort(port()));
    int confirmed;
    try (Subscriptions subs = Subscriptions.open(loaded, clock)) {
      confirmed = subs.subscribeConfirmed(plan.topics());
    }
    LiveService service =
        LiveService.start(plan, console, clock, new ByteArrayInputStream(new byte[0]));
    DemoSimulator sim = new DemoSimulator(dir.resolve("logs"), clock, speed, console::announce);
    Thread hook = new Thread(() -> finish(sim, service, console), "mcpwatch-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    header(console, dir, plan, service.httpUri(), confirmed, duration, fast);
    console.release();
    try {
      sim.start();
    } catch (IOException e) {
      finish(sim, service, console);
      throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "cannot write the simulated logs: " + e.getMessage());
    }
    boolean stopped = duration == null
        ? waitForever(service)
        : service.awaitTermination(duration);
    if (!stopped) {
      finish(sim, service, console);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }
    console.note(String.format(java.util.Locale.ROOT,
        "%nDemo over: %d transitions, %d e-mails in %s.%nInspect the state: ./mcpwatch status -c %s",
        console.transitions.get(), console.mails.get(), plan.mailboxDir(), config));
    return service.failed() ? 1 : 0;
  }

  private static boolean waitForever(LiveService service) throws InterruptedException {
    service.awaitTermination();
    return true;
  }

  private static void finish(DemoSimulator sim, LiveService service, DemoConsole console) {
    sim.stop();
    service.stop();
    console.close();
  }

  private static void header(DemoConsole c, Path dir, ServicePlan plan, @Nullable URI http,
      int confirmed, @Nullable Duration duration, boolean fast) {
    c.header("mcpwatch demo: 4 simulated MCP servers x 2 environments, " + plan.alarms().size()
        + " alarms of ADR-0003 (" + dir.resolve("mcpwatch.yaml") + ")");
    c.header("  logs:   " + dir.resolve("logs") + "/<env>-<app>.log (uvicorn and Python lines,"
        + " tailed as they are written)");
    c.header("  state:  " + plan.storageUrl());
    c.header("  e-mail: " + plan.mailboxDir() + " (.eml files; no SMTP server is configured)");
    if (confirmed > 0) {
      c.header("  " + confirmed + " e-mail subscription(s) auto-confirmed for the demo (a real run"
          + " waits for the recipient to click the confirmation link)");
    }
    if (http != null) {
      c.header("  HTTP:   " + http + " (the console: open it in a browser; ingest, /metrics, /healthz)");
    }
    c.header("  script: OBO failure burst on prod/teams at " + DemoSimulator.OBO_AT + " s, 404 scan"
        + " of prod/sharepoint at " + DemoSimulator.SCAN_AT + " s, 5xx outage on dev/databricks at "
        + DemoSimulator.OUTAGE_AT + " s" + (fast ? " (simulated time, 10x faster)" : ""));
    c.header("  " + (duration == null ? "runs until Ctrl-C" : "runs for " + human(duration))
        + (fast ? "; the clock runs 10x faster (5-minute periods pass in 30 s)"
            : "; --fast runs the clock 10x faster")
        + "; times in UTC\n");
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 ? s / 60 + " min" : s + " s";
  }

  /** Sources for the simulator's files; everything else the defaults (state in mcpwatch-data/). */
  static ServiceSettings settings() {
    ServiceSettings d = ServiceSettings.defaults();
    List<SourceSettings> sources = new ArrayList<>();
    for (String env : CorpusGenerator.ENVS) {
      for (String app : CorpusGenerator.APPS) {
        sources.add(new SourceSettings(env, app, "file",
            List.of("logs/" + DemoSimulator.fileName(env, app)), "beginning", "text", "none",
            "demo.sources." + env + "." + app));
      }
    }
    return new ServiceSettings(sources, d.storage(), d.http(), null, d.notifications(),
        d.engine());
  }

  private static int port() {
    try (ServerSocket s = new ServerSocket(DEMO_PORT, 1, InetAddress.getLoopbackAddress())) {
      return DEMO_PORT;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Creates the directory, or clears what an earlier demo left there. */
  static void prepare(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        boolean ours = Files.exists(dir.resolve(MARKER));
        boolean empty;
        try (Stream<Path> s = Files.list(dir)) {
          empty = s.findAny().isEmpty();
        }
        if (!ours && !empty) {
          throw new ServiceException(ServiceException.Kind.INVALID, dir + " exists and was not made by mcpwatch demo; choose another"
              + " directory with --dir");
        }
        deleteTree(dir.resolve("logs"));
        deleteTree(dir.resolve("mcpwatch-data"));
      }
      Files.createDirectories(dir);
      write(dir.resolve(MARKER), "made by mcpwatch demo; the next demo clears logs/ and"
          + " mcpwatch-data/ here\n");
    } catch (IOException e) {
      throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "cannot prepare " + dir + ": " + e.getMessage());
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "cannot write " + file + ": " + e.getMessage());
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
