package io.mcpwatch.bench.live;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.live.LiveService;
import io.mcpwatch.live.RunListener;
import io.mcpwatch.live.RunOptions;
import io.mcpwatch.live.ServicePlan;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.notify.MessageKind;
import io.mcpwatch.notify.OutboxItem;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Latency of the live service from a log line being appended to a tailed file to (a) the alarm
 * transition it causes and, with {@code --smtp true}, (b) an SMTP server (GreenMail on 127.0.0.1,
 * in this process) accepting the alarm e-mail.
 *
 * <p>The service runs in this process ({@link LiveService} with a {@link RunListener}) on a
 * configuration with one alarm per trial ({@code PROBE-nnn.}, threshold 1, early firing), tailing
 * {@code logs/a<n>.log} (75 probe alarms per app) with the default poll interval, so every figure includes the tailing
 * poll, decoding, the engine, (the commit and the dispatcher for e-mail). Each trial appends one
 * line for a fresh alarm, waits for its transition (and e-mail), then pauses a random 20 to 120
 * ms so that appends fall at random phases of the poll. The e-mail subscriber is confirmed first
 * by following the link of the confirmation e-mail, as a recipient would.
 *
 * <p>Options: {@code --dir RUNDIR [--trials 300] [--smtp false] [--background 0 (lines/s of
 * corpus text appended meanwhile)] [--corpus all.log]}.
 */
public final class LatencyBench {
  /** Probe alarms per app (CloudWatch allows 100 metric filters per log group). */
  private static final int PER_APP = 75;

  private static final Pattern LINK = Pattern.compile("https?://\\S*[?&]Token=\\S+");

  private LatencyBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = Args.parse(args);
    Path dir = Path.of(o.get("dir")).toAbsolutePath();
    int trials = Integer.parseInt(o.getOrDefault("trials", "300"));
    boolean smtp = Boolean.parseBoolean(o.getOrDefault("smtp", "false"));
    long background = Long.parseLong(o.getOrDefault("background", "0"));
    int apps = (trials + PER_APP - 1) / PER_APP;
    Files.createDirectories(dir.resolve("logs"));
    Adr.freshDatabase(dir);
    List<Path> logs = new ArrayList<>();
    for (int a = 0; a < apps; a++) {
      Path log = dir.resolve("logs/a" + a + ".log");
      Files.deleteIfExists(log);
      Files.createFile(log);
      logs.add(log);
    }

    GreenMail mail = null;
    if (smtp) {
      mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      mail.start();
    }
    Path config = dir.resolve("mcpwatch.yaml");
    Files.writeString(config, yaml(apps, mail == null ? 0 : mail.getSmtp().getPort()),
        StandardCharsets.UTF_8);

    Recorder rec = new Recorder();
    ServicePlan plan = ServicePlan.of(ConfigFiles.load(config), RunOptions.defaults());
    LiveService service =
        LiveService.start(plan, rec, InstantSource.system(), new ByteArrayInputStream(new byte[0]));
    List<FileChannel> outs = new ArrayList<>();
    for (Path log : logs) {
      outs.add(FileChannel.open(log, StandardOpenOption.APPEND));
    }
    List<Thread> feeders = new ArrayList<>();
    try {
      if (mail != null) {
        confirm(mail);
      }
      if (background > 0) {
        for (FileChannel out : outs) {
          feeders.add(Feeder.start(Path.of(o.get("corpus")), out, background / apps));
        }
      }
      Thread.sleep(2000); // let the service settle (JIT, first commits)
      List<Double> toTransition = new ArrayList<>();
      List<Double> toSmtp = new ArrayList<>();
      SplittableRandom random = new SplittableRandom(5);
      int lost = 0;
      for (int i = 0; i < trials; i++) {
        String name = String.format(Locale.ROOT, "a%d-prod-p%03d", i / PER_APP, i % PER_APP);
        FileChannel out = outs.get(i / PER_APP);
        byte[] line = String.format(Locale.ROOT,
            "WARNING:probe_mcp.auth:PROBE-%03d. synthetic failure for the latency benchmark%n",
            i % PER_APP)
            .getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        synchronized (out) {
          out.write(ByteBuffer.wrap(line));
        }
        Long t1 = rec.await(rec.transitions, name, 5_000);
        if (t1 == null) {
          lost++;
          continue;
        }
        toTransition.add((t1 - t0) / 1e6);
        if (mail != null) {
          Long t2 = rec.await(rec.delivered, name, 10_000);
          if (t2 == null) {
            lost++;
          } else {
            toSmtp.add((t2 - t0) / 1e6);
          }
        }
        Thread.sleep(20 + random.nextInt(101));
        if ((i + 1) % 50 == 0) {
          System.out.printf(Locale.ROOT, "  %d trials; load %s%n", i + 1, Load.average());
        }
      }
      System.out.printf(Locale.ROOT, "RESULT append -> transition (background %,d lines/s): %s%n",
          background, Stats.summary(toTransition));
      if (mail != null) {
        System.out.printf(Locale.ROOT,
            "RESULT append -> SMTP accepted (background %,d lines/s): %s; GreenMail holds %d"
                + " messages%n", background, Stats.summary(toSmtp),
            mail.getReceivedMessages().length);
      }
      if (mail != null) {
        Map<String, Integer> subjects = new java.util.TreeMap<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
          subjects.merge(m.getSubject(), 1, Integer::sum);
        }
        subjects.entrySet().removeIf(e -> e.getValue() == 1);
        System.out.printf(Locale.ROOT, "subjects received more than once: %s%n", subjects);
      }
      System.out.printf(Locale.ROOT, "timeouts: %d; load %s; lines read %,d%n", lost,
          Load.average(), service.stats().lines());
    } finally {
      for (Thread f : feeders) {
        f.interrupt();
        f.join();
      }
      service.stop();
      for (FileChannel out : outs) {
        out.close();
      }
      if (mail != null) {
        mail.stop();
      }
    }
  }

  /** Follows the link of the confirmation e-mail, as the recipient would. */
  private static void confirm(GreenMail mail) throws Exception {
    if (!mail.waitForIncomingEmail(20_000, 1)) {
      throw new IllegalStateException("no confirmation e-mail within 20 s");
    }
    MimeMessage m = mail.getReceivedMessages()[0];
    String body = m.getContent().toString();
    Matcher link = LINK.matcher(body);
    if (!link.find()) {
      throw new IllegalStateException("no confirmation link in: " + body);
    }
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(link.group())).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("confirmation answered " + r.statusCode() + ": " + r.body());
    }
    System.out.println("subscription confirmed via " + link.group().replaceAll("Token=\\w+",
        "Token=..."));
  }

  /**
   * The configuration: apps a0..a{apps-1} in env prod, each with {@link #PER_APP} probe alarms
   * (CloudWatch allows 100 metric filters per log group) and the ADR's four alarms, each app
   * tailing its own file.
   */
  static String yaml(int apps, int smtpPort) {
    StringBuilder sb = new StringBuilder();
    sb.append(BenchYaml.head(apps,
        List.of("    subscribers:", "      - email: oncall@example.com"),
        // no OK e-mails: at the first minute boundary every alarm goes INSUFFICIENT_DATA -> OK,
        // and hundreds of OK e-mails would queue ahead of the trials' alarm e-mails
        List.of("  alarmActions: [\"{topic}\"]", "  okActions: []")));
    sb.append(String.join("\n",
        "  auth-failures: { metric: OBOAuthFailures, pattern: '\"OBO token exchange failed\"',"
            + " threshold: 5 }",
        "  errors: { metric: Errors, pattern: '[level=\"ERROR:*\" || level=\"CRITICAL:*\", ...]',"
            + " threshold: 20 }",
        "  http-4xx: { metric: HTTP4xx, pattern: '[level, client, dash, request=*HTTP*, status=4*,"
            + " ...]', threshold: 50 }",
        "  http-5xx: { metric: HTTP5xx, pattern: '[level, client, dash, request=*HTTP*, status=5*,"
            + " ...]', threshold: 10 }",
        ""));
    for (int i = 0; i < PER_APP; i++) {
      sb.append(String.format(Locale.ROOT,
          "  p%03d: { metric: Probe%03d, pattern: '\"PROBE-%03d.\"', threshold: 1 }%n", i, i, i));
    }
    sb.append("sources:\n");
    for (int a = 0; a < apps; a++) {
      sb.append("  - { app: a").append(a).append(", env: prod, type: file, path: logs/a").append(a)
          .append(".log }\n");
    }
    sb.append("storage:\n  url: jdbc:sqlite:mcpwatch-data/mcpwatch.db\n");
    sb.append("http:\n  listen: 127.0.0.1:0\n");
    if (smtpPort > 0) {
      sb.append("smtp:\n  host: 127.0.0.1\n  port: ").append(smtpPort)
          .append("\n  security: none\n  from: mcpwatch@localhost\n");
    }
    return sb.toString();
  }

  /** Records when each alarm went to ALARM and when its alarm e-mail was accepted. */
  private static final class Recorder implements RunListener {
    final Map<String, Long> transitions = new ConcurrentHashMap<>();
    final Map<String, Long> delivered = new ConcurrentHashMap<>();

    @Override
    public void transition(AlarmTransition t) {
      if (t.newState() == AlarmState.ALARM) {
        transitions.putIfAbsent(t.alarm().spec().alarmName(), System.nanoTime());
      }
    }

    @Override
    public void delivered(OutboxItem item, String where) {
      if (item.kind() == MessageKind.NOTIFICATION && item.alarmName() != null) {
        delivered.putIfAbsent(item.alarmName(), System.nanoTime());
      }
    }

    @Nullable Long await(Map<String, Long> m, String key, long timeoutMillis)
        throws InterruptedException {
      long end = System.nanoTime() + timeoutMillis * 1_000_000L;
      while (System.nanoTime() < end) {
        Long v = m.get(key);
        if (v != null) {
          return v;
        }
        Thread.onSpinWait();
        Thread.sleep(0, 200_000);
      }
      return m.get(key);
    }
  }
}
