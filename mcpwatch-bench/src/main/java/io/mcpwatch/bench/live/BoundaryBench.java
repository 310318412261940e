package io.mcpwatch.bench.live;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live minute boundary with many alarms (issue 14): {@code mcpwatch run} (a child JVM, the
 * launcher's options by default) on {@code --alarms N} alarms ({@code N/4} apps with the four ADR
 * patterns, one environment), fed {@code --rate} events/s over HTTP ({@code POST /v1/logs}, 10
 * events of random apps per request, 10 senders with one request in flight each) for {@code
 * --seconds}. The service answers a
 * request only after the commit that holds its events, so each request's latency is append →
 * counted and committed. Reports: start-up (process start → the first request answered 200),
 * the latency of all requests and of those in flight within 5 s after a minute boundary, the
 * service's commit and boundary histograms ({@code /metrics}), and the largest VmRSS.
 *
 * <p>Options: {@code --jar mcpwatch.jar --dir RUNDIR [--alarms 10000] [--rate 1000] [--seconds
 * 150; 0 measures the start-up only: wall and the service's CPU] [--java-opts "the launcher's"]
 * [--cpu "0-1": taskset list for the service; default: the harness's own] [--keep-database true:
 * a restart on the last run's database (same alarms) instead of a fresh one]}.
 */
public final class BoundaryBench {
  /** User + system CPU of a process so far (all its threads: JIT and GC included), from /proc. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in USER_HZ
  }

  /**
   * The CPU of each thread of a process so far, largest first, grouped by name with digits
   * dropped (e.g. {@code "main 1.62 s, C1 CompilerThre 0.80 s, ..."}), from /proc/PID/task.
   */
  static String threadCpu(long pid) throws IOException {
    Map<String, Double> byName = new TreeMap<>();
    try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid),
        "task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
              .replaceAll("[0-9]+", "#");
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          byName.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0,
              Double::sum);
        } catch (IOException e) {
          // the thread ended
        }
      }
    }
    List<Map.Entry<String, Double>> e = new ArrayList<>(byName.entrySet());
    e.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> x : e) {
      if (x.getValue() >= 0.01) {
        sb.append(sb.length() == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "%s %.2f s", x.getKey(), x.getValue()));
      }
    }
    return sb.toString();
  }

  /** The options `./mcpwatch run` uses (without its class-data archive and malloc settings). */
  static final String LAUNCHER_OPTS =
      "-Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m"
          + " -XX:TieredStopAtLevel=1";
  private static final String[] LINES = {
    "INFO:     10.0.0.%d:5123 - \"POST /mcp HTTP/1.1\" 200 OK",
    "INFO:     10.0.0.%d:5123 - \"POST /mcp HTTP/1.1\" 200 OK",
    "INFO:     10.0.0.%d:5123 - \"GET /health HTTP/1.1\" 200 OK",
    "INFO:     10.0.0.%d:5123 - \"POST /mcp HTTP/1.1\" 401 Unauthorized",
    "INFO:     10.0.0.%d:5123 - \"POST /mcp HTTP/1.1\" 502 Bad Gateway",
    "ERROR:    request %d failed",
    "WARNING:  OBO token exchange failed for request %d",
  };

  private BoundaryBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = Args.parse(args);
    Path dir = Path.of(o.get("dir")).toAbsolutePath();
    int alarms = Integer.parseInt(o.getOrDefault("alarms", "10000"));
    int rate = Integer.parseInt(o.getOrDefault("rate", "1000"));
    int seconds = Integer.parseInt(o.getOrDefault("seconds", "150"));
    String javaOpts = o.getOrDefault("java-opts", LAUNCHER_OPTS);
    int apps = Math.max(1, alarms / 4);
    Files.createDirectories(dir);
    if (!Boolean.parseBoolean(o.getOrDefault("keep-database", "false"))) {
      Adr.freshDatabase(dir);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("mcpwatch.yaml");
    Files.writeString(config, yaml(apps, port), StandardCharsets.UTF_8);
    URI ingest = URI.create("http://127.0.0.1:" + port + "/v1/logs");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30)).build();
    System.out.printf(Locale.ROOT, "%,d alarms (%,d apps x 4), %,d events/s for %d s; load %s%n",
        apps * 4, apps, rate, seconds, Load.average());
    long t0 = System.nanoTime();
    try (Child c = Child.start(Path.of(o.get("jar")), config, Adr.database(dir), o.getOrDefault("cpu", ""), javaOpts,
        dir.resolve("service.log"))) {
      SplittableRandom rnd = new SplittableRandom(14);
      while (true) {
        if (!c.alive()) {
          throw new IllegalStateException("the service ended; see " + dir.resolve("service.log"));
        }
        try {
          HttpResponse<String> r = http.send(post(ingest, body(rnd, apps, 1)),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            break;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(20);
      }
      double startup = (System.nanoTime() - t0) / 1e9;
      double startupCpu = cpuSeconds(c.pid());
      String byThread = threadCpu(c.pid());
      System.out.printf(Locale.ROOT, "start-up: %.2f s to the first ingest answered 200; "
          + "VmRSS %,d KiB%n", startup, c.maxRssKib());
      if (seconds == 0) {
        System.out.printf(Locale.ROOT, "RESULT start-up: %,d alarms, %.2f s, CPU %.2f s, load %s%n",
            apps * 4, startup, startupCpu, Load.average());
        System.out.println("  CPU by thread: " + byThread);
        return; // --seconds 0: start-up only
      }
      int perRequest = 10;
      int senders = 10;
      long intervalNanos = 1_000_000_000L * perRequest * senders / rate;
      List<long[]> done = Collections.synchronizedList(new ArrayList<>()); // sent ms, latency ns
      long start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < senders; t++) {
        long offset = intervalNanos * t / senders;
        SplittableRandom r = rnd.split();
        Thread th = new Thread(() -> {
          // one request in flight per sender: a stalled service slows the senders down instead
          // of piling up connections (the figures count the stall once per sender)
          for (long k = 0; ; k++) {
            long due = start + offset + k * intervalNanos;
            if (due >= end || System.nanoTime() >= end) {
              return; // a service that fell behind gets fewer requests, not a longer run
            }
            long wait = due - System.nanoTime();
            try {
              if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
              }
              long sentMillis = System.currentTimeMillis();
              long sent = System.nanoTime();
              int status = postBlocking(ingest, body(r, apps, perRequest));
              done.add(new long[] {sentMillis,
                  status == 200 ? System.nanoTime() - sent : -status});
            } catch (InterruptedException e) {
              return;
            } catch (IOException e) {
              done.add(new long[] {System.currentTimeMillis(), -1});
            }
          }
        }, "sender-" + t);
        th.start();
        threads.add(th);
      }
      for (Thread th : threads) {
        th.join();
      }
      int failed = 0;
      StringBuilder csv = new StringBuilder("sent_ms,latency_ms\n");
      synchronized (done) {
        for (long[] d : done) {
          csv.append(d[0]).append(',').append(d[1] < 0 ? d[1] : d[1] / 1e6).append('\n');
        }
      }
      Files.writeString(dir.resolve("latencies.csv"), csv.toString());
      List<Double> all = new ArrayList<>();
      List<Double> boundary = new ArrayList<>();
      for (long[] d : done) {
        if (d[1] < 0) {
          failed++;
          continue;
        }
        double ms = d[1] / 1e6;
        all.add(ms);
        long sinceMinute = Math.floorMod(d[0], 60_000L);
        long endMillis = d[0] + d[1] / 1_000_000;
        boolean crosses = Math.floorDiv(endMillis, 60_000L) > Math.floorDiv(d[0], 60_000L);
        if (sinceMinute < 5_000 || crosses) {
          boundary.add(ms);
        }
      }
      String metrics = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
      System.out.printf(Locale.ROOT, "RESULT boundary: %,d alarms, %,d events/s, load %s%n",
          apps * 4, rate, Load.average());
      System.out.printf(Locale.ROOT, "  answered %,d requests of %d events in %d s (%,d events/s"
          + " of %,d offered)%n", all.size(), perRequest, seconds,
          all.size() * perRequest / seconds, rate);
      System.out.printf(Locale.ROOT, "  start-up %.2f s; max VmRSS %,d KiB = %.1f MiB; service CPU"
          + " %.2f s to the first 200, %.2f s after it%n", startup, c.maxRssKib(),
          c.maxRssKib() / 1024.0, startupCpu, cpuSeconds(c.pid()) - startupCpu);
      System.out.println("  ingest → committed (HTTP 200), all:       " + Stats.summary(all)
          + (failed > 0 ? "  (" + failed + " not 200)" : ""));
      System.out.println("  ... within 5 s after a minute boundary:  " + Stats.summary(boundary));
      System.out.println("  commits:  " + histogram(metrics, "mcpwatch_commit_duration_seconds"));
      System.out.println("  boundary: "
          + histogram(metrics, "mcpwatch_boundary_evaluation_duration_seconds"));
    }
  }

  /** One POST on a kept-alive connection (HttpURLConnection reuses it); the status. */
  private static int postBlocking(URI uri, String body) throws IOException {
    java.net.HttpURLConnection c = (java.net.HttpURLConnection) uri.toURL().openConnection();
    c.setConnectTimeout(30_000);
    c.setReadTimeout(60_000);
    c.setDoOutput(true);
    c.setRequestMethod("POST");
    c.setRequestProperty("Content-Type", "application/x-ndjson");
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    c.setFixedLengthStreamingMode(b.length);
    try (java.io.OutputStream out = c.getOutputStream()) {
      out.write(b);
    }
    int status = c.getResponseCode();
    try (java.io.InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      if (in != null) {
        in.readAllBytes();
      }
    }
    return status;
  }

  private static HttpRequest post(URI uri, String body) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static String body(SplittableRandom rnd, int apps, int n) {
    StringBuilder sb = new StringBuilder();
    long now = System.currentTimeMillis();
    for (int i = 0; i < n; i++) {
      String line = String.format(Locale.ROOT, LINES[rnd.nextInt(LINES.length)], rnd.nextInt(250));
      sb.append("{\"timestamp\":").append(now).append(",\"logGroup\":\"/ecs/prod/a")
          .append(rnd.nextInt(apps)).append("\",\"message\":\"")
          .append(line.replace("\"", "\\\"")).append("\"}\n");
    }
    return sb.toString();
  }

  private static final Pattern BUCKET =
      Pattern.compile("(?m)^(\\w+)_bucket\\{le=\"([^\"]+)\"\\} (\\S+)$");

  /** "n=.., ≤ 0.1 s: .., by upper bound: {le=count, ...}" from a classic histogram. */
  static String histogram(String metrics, String name) {
    Matcher m = BUCKET.matcher(metrics);
    TreeMap<Double, Long> cumulative = new TreeMap<>();
    while (m.find()) {
      if (m.group(1).equals(name)) {
        double le = m.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY
            : Double.parseDouble(m.group(2));
        cumulative.put(le, (long) Double.parseDouble(m.group(3)));
      }
    }
    StringBuilder sb = new StringBuilder();
    long prev = 0;
    long total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    double max = Double.NaN;
    for (Map.Entry<Double, Long> e : cumulative.entrySet()) {
      long n = e.getValue() - prev;
      if (n > 0) {
        sb.append(String.format(Locale.ROOT, " ≤%s s: %d;", e.getKey(), n));
        max = e.getKey();
      }
      if (Double.isNaN(p50) && e.getValue() * 2 >= total && total > 0) {
        p50 = e.getKey();
      }
      if (Double.isNaN(p99) && e.getValue() * 100 >= total * 99L && total > 0) {
        p99 = e.getKey();
      }
      prev = e.getValue();
    }
    return String.format(Locale.ROOT, "n=%d  p50 ≤ %s s  p99 ≤ %s s  max ≤ %s s  |%s", total, p50,
        p99, max, sb);
  }

  static String yaml(int apps, int port) {
    StringBuilder sb = new StringBuilder();
    sb.append(BenchYaml.head(apps, List.of(), List.of()));
    sb.append(String.join("\n",
        "  obo: { metric: OboFailures, pattern: '\"OBO token exchange failed\"', threshold: 5 }",
        "  errors: { metric: Errors, pattern: '[level=\"ERROR:*\" || level=\"CRITICAL:*\", ...]',"
            + " threshold: 5 }",
        "  http4xx: { metric: Http4xx, pattern: '[level, client, dash, request=*HTTP*, status=4*,"
            + " ...]', threshold: 20 }",
        "  http5xx: { metric: Http5xx, pattern: '[level, client, dash, request=*HTTP*, status=5*,"
            + " ...]', threshold: 5 }",
        "storage:",
        "  url: jdbc:sqlite:mcpwatch-data/mcpwatch.db",
        "http:",
        "  listen: 127.0.0.1:" + port,
        ""));
    return sb.toString();
  }
}
