package io.mcpwatch.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Four simulated MCP servers in two environments writing uvicorn and Python log files in real
 * time ({@code <dir>/<env>-<app>.log}, plain text as the awslogs driver would ship it): normal
 * traffic taken from {@link CorpusGenerator} (incident-free stretches), and a script of three
 * incidents that make alarms fire within the first two minutes: an OBO failure burst on
 * prod/teams, a 404 scan of prod/sharepoint and a 5xx outage with tracebacks on dev/databricks.
 */
final class DemoSimulator {
  /** Simulated seconds at which each incident starts, and how long it lasts. */
  static final int OBO_AT = 20;
  static final int SCAN_AT = 50;
  static final int OUTAGE_AT = 95;
  private static final int LINES_PER_SECOND = 40;

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String[] SCAN_PATHS = {
    "/.env", "/wp-login.php", "/admin", "/.git/config", "/actuator/env", "/phpmyadmin/",
    "/server-status", "/.aws/credentials", "/config.json", "/backup.zip", "/xmlrpc.php"
  };

  private final Path dir;
  private final InstantSource clock;
  private final double speed;
  private final Consumer<String> announce;
  private final SplittableRandom random = new SplittableRandom(7);
  private final Map<String, OutputStream> files = new HashMap<>();
  private final ArrayDeque<String[]> normal = new ArrayDeque<>();
  private final Thread thread;
  private long seed = 11;
  private volatile boolean running = true;

  /**
   * @param dir where the log files go (created)
   * @param clock the demo's clock
   * @param speed how much faster than real time {@code clock} runs
   * @param announce receives one line per incident as it starts
   */
  DemoSimulator(Path dir, InstantSource clock, double speed, Consumer<String> announce) {
    this.dir = dir;
    this.clock = clock;
    this.speed = speed;
    this.announce = announce;
    this.thread = new Thread(this::loop, "mcpwatch-demo-simulator");
    this.thread.setDaemon(true);
  }

  /** The file of one app in one environment. */
  static String fileName(String env, String app) {
    return env + "-" + app + ".log";
  }

  void start() throws IOException {
    Files.createDirectories(dir);
    for (String env : CorpusGenerator.ENVS) {
      for (String app : CorpusGenerator.APPS) {
        Path p = dir.resolve(fileName(env, app));
        files.put(env + "/" + app, Files.newOutputStream(p, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND));
      }
    }
    thread.start();
  }

  void stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (OutputStream o : files.values()) {
      try {
        o.close();
      } catch (IOException e) {
        // the demo is ending
      }
    }
  }

  private void loop() {
    long start = clock.millis();
    long tick = 0;
    try {
      while (running) {
        long due = start + tick * 1000L / LINES_PER_SECOND;
        sleepUntil(due);
        if (tick % LINES_PER_SECOND == 0) {
          script((int) (tick / LINES_PER_SECOND));
          residue((int) (tick / LINES_PER_SECOND));
        }
        String[] n = nextNormal();
        write(n[0], n[1]);
        tick++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      if (running) {
        announce.accept("simulator stopped: " + e.getMessage());
      }
    }
  }

  /** Incident lines due in the simulated second {@code s}. */
  private void script(int s) throws IOException {
    if (s == OBO_AT) {
      announce.accept("prod/teams: OBO token exchanges start failing (AADSTS50013)");
    }
    if (s >= OBO_AT && s < OBO_AT + 14 && (s - OBO_AT) % 2 == 0) {
      write("prod/teams", "ERROR:teams_mcp.auth:OBO token exchange failed: AADSTS50013: Assertion"
          + " failed signature validation. Trace ID: " + hex(32));
      write("prod/teams", access(internalIp(), "POST", "/mcp", 401));
    }
    if (s == SCAN_AT) {
      announce.accept("prod/sharepoint: 203.0.113.77 scans for 404s");
    }
    if (s >= SCAN_AT && s < SCAN_AT + 25) {
      for (int i = 0; i < 3; i++) {
        write("prod/sharepoint", access("203.0.113.77", "GET",
            SCAN_PATHS[random.nextInt(SCAN_PATHS.length)], 404));
      }
    }
    if (s == OUTAGE_AT) {
      announce.accept("dev/databricks: upstream timeouts, 5xx responses with tracebacks");
    }
    if (s >= OUTAGE_AT && s < OUTAGE_AT + 45 && (s - OUTAGE_AT) % 3 != 2) {
      traceback("dev/databricks", "databricks");
      write("dev/databricks", access(internalIp(), "POST", "/mcp", 500 + 2 * random.nextInt(3)));
    }
  }

  private void traceback(String where, String app) throws IOException {
    write(where, "ERROR:    Exception in ASGI application");
    write(where, "Traceback (most recent call last):");
    write(where, "  File \"/app/.venv/lib/python3.12/site-packages/uvicorn/protocols/http/"
        + "httptools_impl.py\", line 409, in run_asgi");
    write(where, "  File \"/app/src/" + app + "_mcp/server.py\", line 142, in handle_mcp");
    write(where, "    result = await client.post(url, json=payload)");
    write(where, "httpx.ConnectTimeout: timed out");
  }

  /**
   * After an incident its signal does not vanish at once: a straggler now and then (below every
   * threshold). It also keeps the alarm's metric from going silent: on a metric without data
   * CloudWatch (and so mcpwatch) keeps evaluating the newest real datapoint left in the evaluation
   * range, which would show the incident again after the alarm had returned to OK.
   */
  private void residue(int s) throws IOException {
    if (s % 100 != 0) {
      return;
    }
    if (s > OBO_AT + 14) {
      write("prod/teams", "ERROR:teams_mcp.auth:OBO token exchange failed: AADSTS700024: Client"
          + " assertion is not within its valid time range. Trace ID: " + hex(32));
    }
    if (s > SCAN_AT + 25) {
      write("prod/sharepoint", access("203.0.113.77", "GET", "/.env", 404));
    }
    if (s > OUTAGE_AT + 45) {
      traceback("dev/databricks", "databricks");
      write("dev/databricks", access(internalIp(), "POST", "/mcp", 504));
    }
  }

  /** The next line of normal traffic: {env/app, message}. */
  private String[] nextNormal() throws IOException {
    while (normal.isEmpty()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
      CorpusGenerator.Summary sum =
          CorpusGenerator.write(out, 1 << 20, seed++, CorpusGenerator.Format.JSON_LINES);
      if (sum.incidents() > 0) {
        continue; // the demo scripts its own incidents
      }
      for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
        JsonNode n = JSON.readTree(line);
        String group = n.path("logGroup").asString();
        // /ecs/aiconnectors-{env}-aiconnectors/{app}-main-svc/{app}
        String env = group.substring("/ecs/aiconnectors-".length(), group.indexOf("-aiconnectors/"));
        String app = group.substring(group.lastIndexOf('/') + 1);
        normal.add(new String[] {env + "/" + app, n.path("message").asString()});
      }
    }
    return normal.poll();
  }

  private void write(String where, String message) throws IOException {
    OutputStream o = files.get(where);
    o.write((message + "\n").getBytes(StandardCharsets.UTF_8));
    o.flush();
  }

  private static String access(String ip, String method, String path, int status) {
    return String.format(Locale.ROOT, "INFO:     %s:%d - \"%s %s HTTP/1.1\" %d %s", ip,
        30_000 + Math.floorMod(path.hashCode() * 31 + status, 35_000), method, path, status,
        status == 401 ? "Unauthorized" : status == 404 ? "Not Found"
            : status == 500 ? "Internal Server Error" : status == 502 ? "Bad Gateway"
            : "Gateway Timeout");
  }

  private String internalIp() {
    return "10.0." + random.nextInt(4) + "." + (2 + random.nextInt(250));
  }

  private String hex(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  private void sleepUntil(long dueMillis) throws InterruptedException {
    for (long left = dueMillis - clock.millis(); left > 0; left = dueMillis - clock.millis()) {
      Thread.sleep(Math.max(1, (long) (left / speed)));
    }
  }
}
