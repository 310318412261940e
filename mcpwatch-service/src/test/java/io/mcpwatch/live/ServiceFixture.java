package io.mcpwatch.live;

import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.config.ServiceSettings.SourceSettings;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.notify.OutboxItem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A live service on real files in a temporary directory, with a recording listener. */
final class ServiceFixture implements AutoCloseable {

  /** One env (prod), one app (teams), two alarms on 1-minute periods. */
  static final String YAML =
      String.join(
          "\n",
          "namespace: MCP/Security",
          "region: eu-west-1",
          "logGroup: /ecs/{env}/{app}",
          "alarmName: \"{app}-{env}-{alarm}\"",
          "environments:",
          "  prod:",
          "    topic: alarms-prod",
          "    subscribers:",
          "      - email: owners@example.com",
          "apps: [teams]",
          "defaults:",
          "  period: 60",
          "  evaluationPeriods: 1",
          "  statistic: Sum",
          "  comparison: GreaterThanOrEqualToThreshold",
          "  treatMissingData: notBreaching",
          "  metricValue: \"1\"",
          "  alarmActions: [\"{topic}\"]",
          "  okActions: [\"{topic}\"]",
          "alarms:",
          "  auth-failures:",
          "    metric: OBOAuthFailures",
          "    pattern: '\"OBO token exchange failed\"'",
          "    threshold: 3",
          "  http-5xx:",
          "    metric: HTTP5xx",
          "    pattern: '[level, client, dash, request=*HTTP*, status=5*, ...]'",
          "    threshold: 1000",
          "");

  static final String GROUP = "/ecs/prod/teams";

  final Path dir;
  final Path log;
  final Path configFile;
  final Recorder recorder = new Recorder();
  final ServicePlan plan;
  final InstantSource clock;
  LiveService service;

  /** Recording listener. */
  static final class Recorder implements RunListener {
    final List<AlarmTransition> transitions = new CopyOnWriteArrayList<>();
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final List<String> notices = new CopyOnWriteArrayList<>();

    @Override
    public void transition(AlarmTransition t) {
      transitions.add(t);
    }

    @Override
    public void delivered(OutboxItem item, String where) {
      delivered.add(item.kind() + " " + where);
    }

    @Override
    public void sourceNotice(String source, String notice) {
      notices.add(notice);
    }
  }

  ServiceFixture(Path dir, String format, String timestampFormat, boolean http)
      throws IOException {
    this(dir, YAML, format, timestampFormat, http, RunOptions.defaults());
  }

  ServiceFixture(
      Path dir, String yaml, String format, String timestampFormat, boolean http,
      RunOptions options) throws IOException {
    this.dir = dir;
    this.log = dir.resolve("logs/teams.log");
    Files.createDirectories(log.getParent());
    this.configFile = dir.resolve("mcpwatch.yaml");
    Files.writeString(configFile, yaml, StandardCharsets.UTF_8);
    LoadedConfig loaded = ConfigFiles.load(configFile);
    ServiceSettings d = ServiceSettings.defaults();
    ServiceSettings service =
        new ServiceSettings(
            List.of(new SourceSettings("prod", "teams", "file", List.of("logs/*.log"),
                "beginning", format, timestampFormat, "sources[0]")),
            d.storage(),
            new ServiceSettings.HttpSettings(http, "127.0.0.1", 0, null, null, 1_048_576, 10_000,
                262_144),
            null,
            d.notifications(),
            d.engine());
    this.plan = ServicePlan.of(ServicePlan.withService(loaded, service),
        options.withStatsInterval(Duration.ofSeconds(2)));
    this.clock = InstantSource.system();
  }

  /**
   * A service configured entirely by {@code yaml} (its own sources, storage, http and smtp
   * sections), as {@code mcpwatch run -c FILE} would run it, on {@code clock}. An existing
   * configuration file is replaced (a restart with the same file and database).
   */
  ServiceFixture(Path dir, String yaml, InstantSource clock) throws IOException {
    this.dir = dir;
    this.log = dir.resolve("logs/teams.log");
    Files.createDirectories(log.getParent());
    this.configFile = dir.resolve("mcpwatch.yaml");
    Files.writeString(configFile, yaml, StandardCharsets.UTF_8);
    this.plan = ServicePlan.of(ConfigFiles.load(configFile),
        RunOptions.defaults().withStatsInterval(Duration.ofSeconds(2)));
    this.clock = clock;
  }

  LiveService start() {
    return start(new ByteArrayInputStream(new byte[0]));
  }

  LiveService start(InputStream stdin) {
    service = LiveService.start(plan, recorder, clock, stdin);
    return service;
  }

  void append(String... lines) throws IOException {
    appendTo(log, lines);
  }

  /** Appends lines to a file (e.g. one a child-JVM service tails). */
  static void appendTo(Path file, String... lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  void appendRaw(byte[] bytes) throws IOException {
    Files.write(log, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * Now, at least 15 s before the next minute boundary (waiting past the boundary when closer), so
   * that lines stamped with it and read, counted and committed on a loaded CI machine still fall
   * into the window that the next evaluation reads: the tests' early-firing expectations must not
   * depend on the second of the minute they run in (a line stamped 10:00:59.9 and read after the
   * 10:01:00 evaluation is late data for a window that is already evaluated, exactly as on
   * CloudWatch).
   */
  static Instant awayFromBoundary() throws InterruptedException {
    return awayFromBoundary(Duration.ofSeconds(15));
  }

  /**
   * Now, at least {@code margin} before the next minute boundary. A test that asserts the state
   * before any evaluation (INSUFFICIENT_DATA) calls this before starting the service, with a margin
   * that covers the start as well: waiting after the start would itself cross a boundary.
   */
  static Instant awayFromBoundary(Duration margin) throws InterruptedException {
    long intoMinute = Math.floorMod(System.currentTimeMillis(), 60_000L);
    if (intoMinute > 60_000 - margin.toMillis()) {
      Thread.sleep(60_000 - intoMinute + 100);
    }
    return Instant.now();
  }

  /** A Python-logging OBO failure line stamped now. */
  static String obo(Instant t) {
    return t + " ERROR:teams_mcp.auth:OBO token exchange failed: AADSTS50013: Assertion failed"
        + " signature validation.";
  }

  static String access(Instant t, int status) {
    return t + " INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" " + status + " OK";
  }

  /** A JSON line {"timestamp":..,"message":..}. */
  static String jsonl(Instant t, String message) {
    return "{\"timestamp\":" + t.toEpochMilli() + ",\"message\":\""
        + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
  }

  static final String OBO_MESSAGE =
      "ERROR:teams_mcp.auth:OBO token exchange failed: AADSTS50013: Assertion failed signature"
          + " validation.";

  static String accessMessage(int status) {
    return "INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" " + status + " Whatever";
  }

  /** Waits until the service has read {@code lines} lines in total. */
  void awaitLines(long lines) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> service.stats().lines() >= lines);
  }

  /** The stored status (read-only, beside a running service or after). */
  io.mcpwatch.storage.state.StatusReport status() {
    try (io.mcpwatch.storage.Database db =
        io.mcpwatch.storage.Database.openReadOnly(ServicePlan.database(plan.loaded()))) {
      return new io.mcpwatch.storage.state.StatusReader(db).report(Instant.now(), 2, 4);
    }
  }

  static io.mcpwatch.storage.state.AlarmView alarm(
      io.mcpwatch.storage.state.StatusReport r, String name) {
    return r.alarms().stream().filter(a -> a.alarmName().equals(name)).findFirst()
        .orElseThrow();
  }

  @Override
  public void close() {
    if (service != null) {
      service.stop();
    }
  }
}
