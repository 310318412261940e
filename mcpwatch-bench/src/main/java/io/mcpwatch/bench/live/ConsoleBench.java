package io.mcpwatch.bench.live;

import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.live.LiveService;
import io.mcpwatch.live.RunListener;
import io.mcpwatch.live.RunOptions;
import io.mcpwatch.live.ServicePlan;
import io.mcpwatch.readmodel.AlarmQuery;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The console with 10,000 alarms (issue 9 item 7: one render of the status page took 4 s, renders
 * were serialised, and 20 clients pushed {@code /healthz} to 8.4 s). The service runs in this
 * process: 100 apps with 100 alarms each, 30 of them in ALARM. Measures each page sequentially
 * (ms per request, body size), then 20 clients loading the overview for {@code --seconds} while one
 * more measures {@code /healthz}.
 *
 * <p>Options: {@code --dir RUNDIR [--seconds 10] [--clients 20]}.
 */
public final class ConsoleBench {
  private static final int APPS = 100;
  private static final int PER_APP = 100;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private ConsoleBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = Args.parse(args);
    Path dir = Path.of(o.getOrDefault("dir", "/tmp/mcpwatch-bench/console"));
    int seconds = Integer.parseInt(o.getOrDefault("seconds", "10"));
    int clients = Integer.parseInt(o.getOrDefault("clients", "20"));
    Files.createDirectories(dir);
    Adr.freshDatabase(dir);
    Path config = dir.resolve("mcpwatch.yaml");
    Files.writeString(config, yaml());
    ServicePlan plan = ServicePlan.of(ConfigFiles.load(config), RunOptions.defaults());
    LiveService service =
        LiveService.start(plan, RunListener.NONE, InstantSource.system(),
            new ByteArrayInputStream(new byte[0]));
    try {
      URI base = service.httpUri();
      long t0 = System.nanoTime();
      while (service.readModel().alarms(AlarmQuery.all(1)).total() < APPS * PER_APP
          || service.readModel().version() < 2) {
        Thread.sleep(50);
      }
      System.out.printf(Locale.ROOT, "%,d alarms committed %.1f s after the start%n",
          APPS * PER_APP, (System.nanoTime() - t0) / 1e9);
      StringBuilder body = new StringBuilder();
      long now = System.currentTimeMillis();
      for (int a = 0; a < 30; a++) {
        body.append("{\"timestamp\":").append(now).append(",\"logGroup\":\"/ecs/prod/a")
            .append(a).append("\",\"message\":\"PROBE-").append(String.format("%03d", a))
            .append(". x\"}\n");
      }
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/logs"))
          .header("Content-Type", "application/x-ndjson")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      System.out.println("ingest: HTTP " + r.statusCode());
      while (service.readModel().alarms(new AlarmQuery(null, null,
          io.mcpwatch.alarm.AlarmState.ALARM, null, 0, 1)).total() < 30) {
        Thread.sleep(50);
      }
      for (String path : List.of(
          "/alarms/", "/alarms/?part=live", "/alarms/?q=p007", "/alarms/?state=ALARM",
          "/alarms/?offset=9950", "/alarms/a7-prod-p007", "/console/series?alarm=a7-prod-p007&range=1w",
          "/alarms/?format=text", "/alarms/?format=json", "/healthz")) {
        sequential(base, path, 30);
      }
      concurrent(base, clients, seconds);
    } finally {
      service.stop();
    }
  }

  private static void sequential(URI base, String path, int n) throws Exception {
    List<Double> ms = new ArrayList<>();
    int size = 0;
    int status = 0;
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      HttpResponse<String> r = get(base, path);
      ms.add((System.nanoTime() - t) / 1e6);
      size = r.body().length();
      status = r.statusCode();
    }
    System.out.printf(Locale.ROOT, "%-48s HTTP %d %,9d chars  %s%n", path, status, size,
        Stats.summary(ms));
  }

  private static void concurrent(URI base, int clients, int seconds) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong pages = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
    for (int c = 0; c < clients; c++) {
      pool.submit(() -> {
        while (!stop.get()) {
          try {
            get(base, "/alarms/?offset=" + (pages.get() % 200) * 50);
            pages.incrementAndGet();
          } catch (Exception e) {
            return;
          }
        }
      });
    }
    List<Double> health = Collections.synchronizedList(new ArrayList<>());
    pool.submit(() -> {
      while (!stop.get()) {
        try {
          long t = System.nanoTime();
          get(base, "/healthz");
          health.add((System.nanoTime() - t) / 1e6);
          Thread.sleep(20);
        } catch (Exception e) {
          return;
        }
      }
    });
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.SECONDS);
    System.out.printf(Locale.ROOT, "%d clients on the overview for %d s: %,d pages (%.0f/s);"
        + " /healthz meanwhile: %s%n", clients, seconds, pages.get(),
        pages.get() / (double) seconds, Stats.summary(new ArrayList<>(health)));
  }

  private static HttpResponse<String> get(URI base, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static String yaml() {
    StringBuilder sb = new StringBuilder();
    sb.append(BenchYaml.head(APPS, List.of(), List.of()));
    for (int i = 0; i < PER_APP; i++) {
      sb.append(String.format(Locale.ROOT,
          "  p%03d: { metric: Probe%03d, pattern: '\"PROBE-%03d.\"', threshold: 1 }%n", i, i, i));
    }
    sb.append("storage:\n  url: jdbc:sqlite:mcpwatch-data/mcpwatch.db\n");
    sb.append("http:\n  listen: 127.0.0.1:0\n");
    return sb.toString();
  }
}
