package io.mcpwatch.demo;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes realistic MCP-server logs for benchmarks, backtests and demos: 4 apps x 2 environments,
 * log groups {@code /ecs/aiconnectors-{env}-aiconnectors/{app}-main-svc/{app}}, uvicorn access
 * lines, Python logging lines and tracebacks, with incidents: bursts of OBO token exchange
 * failures, 404 scans and 5xx outages. The output is chronological and a pure function of (target
 * size, seed, format, start time).
 *
 * <p>Command line: {@code CorpusGenerator OUT SIZE [--seed N] [--format jsonl|docker]}, SIZE like
 * {@code 64m} or {@code 1g} (binary units); a summary goes to standard error.
 */
public final class CorpusGenerator {
  public static final List<String> APPS = List.of("sharepoint", "outlook", "databricks", "teams");
  public static final List<String> ENVS = List.of("dev", "prod");

  /** 2026-03-02T00:00:00Z. */
  public static final long DEFAULT_START_MILLIS =
      java.time.LocalDate.of(2026, 3, 2).toEpochDay() * 86_400_000L;

  /** The output format. */
  public enum Format {
    /** {@code {"timestamp":..,"message":"..","logGroup":".."}} per line. */
    JSON_LINES,
    /** Docker json-file records (the log group is not represented). */
    DOCKER
  }

  /**
   * What was written.
   *
   * @param oboFailures "OBO token exchange failed" lines
   * @param errorLines lines containing {@code ERROR}
   * @param status4xx access lines with a 4xx status
   * @param status5xx access lines with a 5xx status
   * @param incidents incidents started (bursts, scans, outages)
   */
  public record Summary(
      long bytes,
      long events,
      long oboFailures,
      long errorLines,
      long status4xx,
      long status5xx,
      long incidents,
      long firstMillis,
      long lastMillis) {}

  private static final int GROUPS = APPS.size() * ENVS.size();
  private static final double MEAN_GAP_MILLIS = 25;
  private static final double INCIDENT_CHANCE = 1.0 / 30_000;
  private static final String[] TOOLS = {
    "search", "get_item", "list_items", "send_message", "query", "get_schema", "list_channels"
  };
  private static final String[] SCAN_PATHS = {
    "/.env",
    "/wp-login.php",
    "/admin",
    "/.git/config",
    "/actuator/env",
    "/phpmyadmin/",
    "/server-status",
    "/api/v1/pods",
    "/.aws/credentials",
    "/cgi-bin/luci",
    "/vendor/phpunit",
    "/config.json",
    "/backup.zip",
    "/login.action",
    "/.DS_Store",
    "/xmlrpc.php"
  };
  private static final String[] UNICODE_QUERIES = {
    "Zoë Müller", "東京オフィス", "Quarterly 📊 review", "Ångström lab", "naïve café", "Ελληνικά"
  };

  private static final java.time.format.DateTimeFormatter DOCKER_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);

  private final SplittableRandom random;
  private final Format format;
  private final long targetBytes;
  private final OutputStream out;
  private final StringBuilder msg = new StringBuilder(512);
  private final byte[] lineBuf = new byte[8192];
  private final String[] groupNames = new String[GROUPS];
  private final int[] incident = new int[GROUPS]; // 0 none, 1 OBO burst, 2 404 scan, 3 outage
  private final long[] incidentEnd = new long[GROUPS];
  private final String[] scannerIp = new String[GROUPS];
  private long now;
  private long bytes;
  private long events;
  private long obo;
  private long errors;
  private long s4xx;
  private long s5xx;
  private long incidents;
  private long first = Long.MIN_VALUE;
  private long last = Long.MIN_VALUE;
  private boolean full;

  private CorpusGenerator(
      OutputStream out, long targetBytes, long seed, Format format, long startMillis) {
    this.out = out;
    this.targetBytes = targetBytes;
    this.random = new SplittableRandom(seed);
    this.format = format;
    this.now = startMillis;
    for (int e = 0; e < ENVS.size(); e++) {
      for (int a = 0; a < APPS.size(); a++) {
        groupNames[e * APPS.size() + a] = logGroup(ENVS.get(e), APPS.get(a));
      }
    }
  }

  /** The log group of an app in an environment, as in the ADR's template. */
  public static String logGroup(String env, String app) {
    return "/ecs/aiconnectors-" + env + "-aiconnectors/" + app + "-main-svc/" + app;
  }

  /** Writes up to {@code targetBytes} (whole lines only) to {@code out}, starting 2026-03-02. */
  public static Summary write(OutputStream out, long targetBytes, long seed, Format format)
      throws IOException {
    return write(out, targetBytes, seed, format, DEFAULT_START_MILLIS);
  }

  public static Summary write(
      OutputStream out, long targetBytes, long seed, Format format, long startMillis)
      throws IOException {
    CorpusGenerator g = new CorpusGenerator(out, targetBytes, seed, format, startMillis);
    g.run();
    out.flush();
    return new Summary(
        g.bytes, g.events, g.obo, g.errors, g.s4xx, g.s5xx, g.incidents, g.first, g.last);
  }

  /** Writes a file (replacing it). */
  public static Summary write(Path file, long targetBytes, long seed, Format format)
      throws IOException {
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      return write(o, targetBytes, seed, format);
    }
  }

  public static void main(String[] args) throws IOException {
    PrintStream err = System.err;
    if (args.length < 2) {
      err.println("usage: CorpusGenerator OUT SIZE [--seed N] [--format jsonl|docker]");
      System.exit(2);
    }
    long seed = 1;
    Format f = Format.JSON_LINES;
    for (int i = 2; i + 1 < args.length; i += 2) {
      if (args[i].equals("--seed")) {
        seed = Long.parseLong(args[i + 1]);
      } else if (args[i].equals("--format")) {
        f = args[i + 1].equals("docker") ? Format.DOCKER : Format.JSON_LINES;
      }
    }
    Summary s = write(Path.of(args[0]), parseSize(args[1]), seed, f);
    err.println(s);
  }

  /** {@code 123}, {@code 64k}, {@code 64m}, {@code 1g} (binary units). */
  static long parseSize(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    if (last == 'k' || last == 'm' || last == 'g') {
      unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
      t = t.substring(0, t.length() - 1);
    }
    return Long.parseLong(t) * unit;
  }

  private void run() throws IOException {
    while (!full) {
      double total = 0;
      for (int g = 0; g < GROUPS; g++) {
        total += weight(g);
      }
      now += (long) Math.ceil(-Math.log(1 - random.nextDouble()) * MEAN_GAP_MILLIS * 5 / total);
      double pick = random.nextDouble() * total;
      int g = 0;
      while (g < GROUPS - 1 && (pick -= weight(g)) >= 0) {
        g++;
      }
      unit(g);
    }
  }

  /** Traffic share of a group: prod is busier; incidents add bursts. */
  private double weight(int g) {
    double base = g >= APPS.size() ? 0.9 : 0.35;
    if (incident[g] != 0 && now >= incidentEnd[g]) {
      incident[g] = 0;
    }
    switch (incident[g]) {
      case 1:
        return base * 1.2;
      case 2:
        return base * 8;
      case 3:
        return base * 3;
      default:
        return base;
    }
  }

  /** One request (or incident step) of group g: one or more lines. */
  private void unit(int g) throws IOException {
    String app = APPS.get(g % APPS.size());
    if (incident[g] == 0 && random.nextDouble() < INCIDENT_CHANCE * (g >= APPS.size() ? 1 : 2)) {
      incidents++;
      incident[g] = 1 + random.nextInt(3);
      long minutes = incident[g] == 3 ? 3 + random.nextInt(13) : 1 + random.nextInt(8);
      incidentEnd[g] = now + minutes * 60_000 + random.nextInt(60_000);
      scannerIp[g] = "203.0.113." + (1 + random.nextInt(250));
    }
    double r = random.nextDouble();
    switch (incident[g]) {
      case 1:
        if (r < 0.15) {
          oboFailure(g, app);
          return;
        }
        break;
      case 2:
        if (r < 0.85) {
          access(
              g,
              scannerIp[g],
              "GET",
              SCAN_PATHS[random.nextInt(SCAN_PATHS.length)],
              random.nextInt(10) == 0 ? 405 : 404);
          return;
        }
        break;
      case 3:
        if (r < 0.6) {
          serverError(g, app, random.nextInt(3) == 0);
          return;
        }
        break;
      default:
        break;
    }
    normal(g, app);
  }

  private void normal(int g, String app) throws IOException {
    double r = random.nextDouble();
    String ip = internalIp();
    if (r < 0.80) {
      if (random.nextInt(10) < 3) {
        msg.setLength(0);
        msg.append("INFO:")
            .append(app)
            .append("_mcp.tools:tool ")
            .append(TOOLS[random.nextInt(TOOLS.length)])
            .append(" completed in ")
            .append(5 + random.nextInt(900))
            .append(" ms");
        if (random.nextInt(200) == 0) {
          msg.append(" (query='")
              .append(UNICODE_QUERIES[random.nextInt(UNICODE_QUERIES.length)])
              .append("')");
        }
        line(g);
      }
      access(g, ip, "POST", "/mcp", random.nextInt(8) == 0 ? 202 : 200);
    } else if (r < 0.88) {
      access(g, ip, "GET", "/health", 200);
    } else if (r < 0.885) {
      int[] codes = {401, 404, 422, 400};
      int code = codes[random.nextInt(codes.length)];
      access(g, ip, code == 404 ? "GET" : "POST", code == 404 ? "/favicon.ico" : "/mcp", code);
    } else if (r < 0.8855) {
      oboFailure(g, app);
    } else if (r < 0.886) {
      serverError(g, app, true);
    } else if (r < 0.90) {
      msg.setLength(0);
      msg.append("WARNING:")
          .append(app)
          .append("_mcp.graph:Graph API throttled the request (429), retrying in ")
          .append(1 + random.nextInt(5))
          .append(" s");
      line(g);
    } else if (r < 0.901) {
      msg.setLength(0);
      msg.append("INFO:")
          .append(app)
          .append("_mcp.sql:Executing statement:\n  SELECT id, name")
          .append("\n  FROM workspace.items\n  WHERE owner = ?\t-- ")
          .append(random.nextInt(1000));
      line(g);
    } else {
      access(g, ip, "POST", "/mcp", 200);
    }
  }

  private void oboFailure(int g, String app) throws IOException {
    String[] reasons = {
      "AADSTS50013: Assertion failed signature validation.",
      "AADSTS700024: Client assertion is not within its valid time range.",
      "AADSTS65001: The user or administrator has not consented to use the application.",
      "invalid_grant: AADSTS50173: The provided grant has expired due to it being revoked."
    };
    msg.setLength(0);
    msg.append("ERROR:")
        .append(app)
        .append("_mcp.auth:OBO token exchange failed: ")
        .append(reasons[random.nextInt(reasons.length)])
        .append(" Trace ID: ");
    hex(32);
    obo++;
    line(g);
    access(g, internalIp(), "POST", "/mcp", 401);
  }

  private void serverError(int g, String app, boolean traceback) throws IOException {
    if (traceback) {
      String[] lines = {
        "ERROR:    Exception in ASGI application",
        "Traceback (most recent call last):",
        "  File \"/app/.venv/lib/python3.12/site-packages/uvicorn/protocols/http/"
            + "httptools_impl.py\", line 409, in run_asgi",
        "    result = await app(  # type: ignore[func-returns-value]",
        "  File \"/app/.venv/lib/python3.12/site-packages/starlette/routing.py\", line 76, in app",
        "    response = await f(request)",
        "  File \"/app/src/" + app + "_mcp/server.py\", line 142, in handle_mcp",
        "    result = await client.post(url, json=payload)",
        "httpx.ConnectTimeout: timed out"
      };
      for (String l : lines) {
        msg.setLength(0);
        msg.append(l);
        line(g);
        now += random.nextInt(2);
      }
    }
    int[] codes = {500, 502, 503, 504};
    access(g, internalIp(), "POST", "/mcp", codes[random.nextInt(codes.length)]);
  }

  private void access(int g, String ip, String method, String path, int status) throws IOException {
    msg.setLength(0);
    msg.append("INFO:     ")
        .append(ip)
        .append(':')
        .append(30_000 + random.nextInt(35_000))
        .append(" - \"")
        .append(method)
        .append(' ')
        .append(path)
        .append(" HTTP/1.1\" ")
        .append(status)
        .append(' ')
        .append(reason(status));
    if (status >= 500) {
      s5xx++;
    } else if (status >= 400) {
      s4xx++;
    }
    line(g);
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 202:
        return "Accepted";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 422:
        return "Unprocessable Entity";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      default:
        return "Gateway Timeout";
    }
  }

  private String internalIp() {
    return "10.0." + random.nextInt(4) + "." + (2 + random.nextInt(250));
  }

  private void hex(int n) {
    for (int i = 0; i < n; i++) {
      msg.append(Character.forDigit(random.nextInt(16), 16));
    }
  }

  /** Writes msg as one line of group g at the current time, unless the target is reached. */
  private void line(int g) throws IOException {
    if (full) {
      return;
    }
    int n = format == Format.DOCKER ? dockerLine() : jsonLine(g);
    if (bytes + n > targetBytes) {
      full = true;
      return;
    }
    out.write(lineBuf, 0, n);
    bytes += n;
    events++;
    if (first == Long.MIN_VALUE) {
      first = now;
    }
    last = now;
    if (msg.indexOf("ERROR") >= 0) {
      errors++;
    }
    now += random.nextInt(3);
  }

  private int jsonLine(int g) {
    int p = put(0, "{\"timestamp\":");
    p = put(p, Long.toString(now));
    p = put(p, ",\"message\":\"");
    p = putEscaped(p, msg, "");
    p = put(p, "\",\"logGroup\":\"");
    p = put(p, groupNames[g]);
    p = put(p, "\"}\n");
    return p;
  }

  private int dockerLine() {
    int p = put(0, "{\"log\":\"");
    p = putEscaped(p, msg, "\\n");
    p = put(p, "\",\"stream\":\"");
    p = put(p, msg.indexOf("INFO:     ") == 0 ? "stdout" : "stderr");
    p = put(p, "\",\"time\":\"");
    p = put(p, DOCKER_TIME.format(java.time.Instant.ofEpochMilli(now)));
    // sub-millisecond digits from the event count, so both formats draw the same random numbers
    p = put(p, String.format(Locale.ROOT, "%06dZ\"}\n", (events * 7919) % 1_000_000));
    return p;
  }

  private int put(int p, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      lineBuf[p++] = (byte) ascii.charAt(i);
    }
    return p;
  }

  private int putEscaped(int p, CharSequence s, String suffix) {
    for (int i = 0; i < s.length() && p < lineBuf.length - 16; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        lineBuf[p++] = '\\';
        lineBuf[p++] = (byte) c;
      } else if (c == '\n') {
        p = put(p, "\\n");
      } else if (c == '\t') {
        p = put(p, "\\t");
      } else if (c < 0x20) {
        p = put(p, String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else if (c < 0x80) {
        lineBuf[p++] = (byte) c;
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
        byte[] utf8 = s.subSequence(i, end).toString().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(utf8, 0, lineBuf, p, utf8.length);
        p += utf8.length;
        i = end - 1;
      }
    }
    return put(p, suffix);
  }
}
