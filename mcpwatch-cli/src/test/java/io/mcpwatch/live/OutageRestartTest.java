package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.notify.AttemptOutcome;
import io.mcpwatch.notify.MessageKind;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.OutboxStatus;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.notify.JdbcOutbox;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's outage test: three confirmed e-mail subscribers, the SMTP server down (nothing listens
 * on the configured port) while two alarms fire; the notifications wait in the SQLite outbox,
 * retrying; the service stops (cleanly, or a child JVM is killed with SIGKILL); GreenMail comes up
 * on that port; the restarted service delivers every notification exactly once: each outbox item
 * arrives once (its stable Message-ID), and each recipient gets one mail per state change.
 *
 * <p>The configuration shortens the e-mail retry policy ({@code notifications.retry.email}: up to
 * 100 retries 1 s apart, instead of SNS's 10 s to 600 s), so the outage shows retries within a
 * second or two and the restarted service delivers as soon as it is up.
 */
@Tag("slow")
class OutageRestartTest {
  private static final List<String> RECIPIENTS =
      List.of("a@example.com", "b@example.com", "c@example.com");
  private static final List<String> ALARMS =
      List.of("teams-prod-auth-failures", "teams-prod-http-5xx");
  private static final String REGION = "US East (N. Virginia)";
  private static final DateTimeFormatter HUMAN =
      DateTimeFormatter.ofPattern("EEEE dd MMMM, yyyy HH:mm:ss 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  @TempDir Path dir;

  static String yaml(int smtpPort) {
    StringBuilder subs = new StringBuilder();
    RECIPIENTS.forEach(r -> subs.append("      - email: ").append(r).append('\n'));
    return ServiceFixture.YAML
        .replace("region: eu-west-1", "region: us-east-1")
        .replace("      - email: owners@example.com\n", subs.toString())
        .replace("threshold: 1000", "threshold: 2")
        + "sources:\n"
        + "  - { app: teams, env: prod, type: file, path: logs/*.log, startAt: beginning,"
        + " format: text }\n"
        + "http:\n  enabled: false\n"
        + "smtp:\n  host: 127.0.0.1\n  port: " + smtpPort + "\n"
        + "  security: none\n  from: mcpwatch@example.org\n"
        + "notifications:\n  retry:\n"
        + "    email: { numRetries: 100, minDelayTarget: 1, maxDelayTarget: 1 }\n";
  }

  /** Fires both alarms: 3 OBO failures (threshold 3) and 2 HTTP 5xx (threshold 2). */
  static final String[] FIRING = {
    ServiceFixture.OBO_MESSAGE, ServiceFixture.accessMessage(503), ServiceFixture.OBO_MESSAGE,
    ServiceFixture.accessMessage(200), ServiceFixture.accessMessage(500),
    ServiceFixture.OBO_MESSAGE
  };

  @Test
  void smtpDownThenServiceRestarted_everyNotificationDeliveredExactlyOnce() throws Exception {
    int port = freePort();
    OffsetClock clock = new OffsetClock();
    String yaml = yaml(port);
    Path config = createAndConfirmSubscriptions(yaml, clock);
    List<AlarmTransition> transitions = new ArrayList<>();

    try (ServiceFixture f1 = new ServiceFixture(dir, yaml, clock)) {
      f1.start();
      f1.append(FIRING);
      awaitRetrying(config, 2);
      f1.close();
      transitions.addAll(f1.recorder.transitions);
    }

    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (ServiceFixture f2 = new ServiceFixture(dir, yaml, clock)) {
      f2.start();
      // Both alarms return to OK once their minute leaves the evaluation range: after that
      // nothing changes any more, so the end state is stable.
      clock.advance(Duration.ofMinutes(4));
      await().atMost(Duration.ofSeconds(60)).until(() -> ALARMS.stream().allMatch(a ->
          java.util.stream.Stream.concat(transitions.stream(), f2.recorder.transitions.stream())
              .anyMatch(t -> t.alarm().spec().alarmName().equals(a)
                  && t.oldState() == AlarmState.ALARM && t.newState() == AlarmState.OK)));
      awaitDrained(config, smtp);
      f2.close();
      transitions.addAll(f2.recorder.transitions);

      assertExactlyOnce(config, smtp);
      // Every notifying state change of both runs reached every recipient.
      List<String> expected = new ArrayList<>();
      for (AlarmTransition t : transitions) {
        if (t.newState() != AlarmState.INSUFFICIENT_DATA) {
          expected.add(t.newState() + ": \"" + t.alarm().spec().alarmName() + "\" in " + REGION
              + " | " + t.oldState() + " -> " + t.newState() + " | " + HUMAN.format(t.time()));
        }
      }
      assertThat(expected).hasSizeGreaterThanOrEqualTo(4);
      for (String r : RECIPIENTS) {
        assertThat(mailsTo(smtp, r).stream().map(OutageRestartTest::key))
            .as(r).containsExactlyInAnyOrderElementsOf(expected);
      }
    } finally {
      smtp.stop();
    }
  }

  @Test
  void smtpDownThenChildKilledWithSigkill_everyNotificationDeliveredExactlyOnce()
      throws Exception {
    int port = freePort();
    String yaml = yaml(port);
    Path config = createAndConfirmSubscriptions(yaml, InstantSource.system());
    Path childLog = dir.resolve("child.log");

    Process first = ChildService.start(config, childLog);
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    try {
      await().atMost(Duration.ofSeconds(60))
          .until(() -> ChildService.runningCount(childLog) == 1);
      ServiceFixture.appendTo(dir.resolve("logs/teams.log"), FIRING);
      awaitRetrying(config, 1);
      first.destroyForcibly(); // SIGKILL
      assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();

      smtp.start();
      // Restart until the outbox is drained at a clean stop (a state change in the instant before
      // a stop stays pending for the next start).
      for (int run = 2; run <= 4; run++) {
        Process p = ChildService.start(config, childLog);
        try {
          int started = run;
          await().atMost(Duration.ofSeconds(60))
              .until(() -> ChildService.runningCount(childLog) == started);
          awaitDrained(config, smtp);
        } finally {
          p.destroy(); // SIGTERM: the shutdown hook stops cleanly
          assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        if (notifications(config).stream().allMatch(i -> i.status() == OutboxStatus.DELIVERED)) {
          break;
        }
      }
      assertExactlyOnce(config, smtp);
    } finally {
      first.destroyForcibly();
      smtp.stop();
    }
  }

  // ------------------------------------------------------------------ steps

  /**
   * Starts the service once (it subscribes the configured recipients; the confirmation requests
   * fail, SMTP being down), stops it, and confirms every subscription with {@code mcpwatch
   * subscriptions confirm --arn} as an administrator would.
   */
  private Path createAndConfirmSubscriptions(String yaml, InstantSource clock) throws IOException {
    try (ServiceFixture f0 = new ServiceFixture(dir, yaml, clock)) {
      f0.start();
    }
    String config = dir.resolve("mcpwatch.yaml").toString();
    CliRun.Cli list = CliRun.cli("subscriptions", "list", "-c", config);
    assertThat(list.exit()).as(list.err()).isZero();
    List<String> pending = list.out().lines().filter(l -> l.startsWith("PENDING_CONFIRMATION"))
        .map(l -> l.substring(l.lastIndexOf(' ') + 1)).collect(Collectors.toList());
    assertThat(pending).hasSize(RECIPIENTS.size());
    for (String arn : pending) {
      CliRun.Cli c =
          CliRun.cli("subscriptions", "confirm", "--arn", arn, "-c", config);
      assertThat(c.exit()).as(c.err()).isZero();
      assertThat(c.out()).startsWith("CONFIRMED: email ").contains(arn);
    }
    return dir.resolve("mcpwatch.yaml");
  }

  /** Waits until the 6 ALARM notifications are pending with {@code attempts} failed attempts. */
  private static void awaitRetrying(Path config, int attempts) {
    await().atMost(Duration.ofSeconds(30)).until(() -> notifications(config).stream()
        .filter(i -> i.subject() != null && i.subject().startsWith("ALARM:")
            && i.status() == OutboxStatus.PENDING && i.attempts() >= attempts)
        .count() == (long) ALARMS.size() * RECIPIENTS.size());
    try (Database db = readOnly(config)) {
      JdbcOutbox outbox = new JdbcOutbox(db);
      for (OutboxItem i : outbox.items()) {
        if (i.kind() == MessageKind.NOTIFICATION && i.status() == OutboxStatus.PENDING) {
          assertThat(i.lastError()).isNotNull();
          assertThat(outbox.attempts(i.id())).isNotEmpty()
              .allMatch(a -> a.outcome() == AttemptOutcome.TEMPORARY_FAILURE);
        }
      }
    }
  }

  /**
   * Waits until every recipient has its ALARM e-mail of each alarm, nothing is pending, and as many
   * e-mails arrived as notifications were delivered.
   */
  private static void awaitDrained(Path config, GreenMail smtp) {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      for (String r : RECIPIENTS) {
        for (String a : ALARMS) {
          String subject = "ALARM: \"" + a + "\" in " + REGION;
          if (mailsTo(smtp, r).stream().noneMatch(m -> subject(m).equals(subject))) {
            return false;
          }
        }
      }
      List<OutboxItem> items = notifications(config);
      return items.stream().noneMatch(i -> i.status() == OutboxStatus.PENDING)
          && smtp.getReceivedMessages().length == items.size();
    });
  }

  /**
   * Every notification item delivered; every received e-mail is one of them (Message-ID) and none
   * arrived twice; per recipient, one e-mail per state change; no confirmation request was mailed
   * (the subscriptions were confirmed before SMTP came back).
   */
  private static void assertExactlyOnce(Path config, GreenMail smtp) throws MessagingException {
    List<OutboxItem> items = notifications(config);
    assertThat(items).allMatch(i -> i.status() == OutboxStatus.DELIVERED, "delivered");
    List<String> expectedIds = items.stream()
        .map(i -> "<" + i.id() + ".mcpwatch@example.org>").collect(Collectors.toList());
    List<String> receivedIds = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      receivedIds.add(m.getMessageID());
    }
    assertThat(receivedIds).containsExactlyInAnyOrderElementsOf(expectedIds);
    for (String r : RECIPIENTS) {
      Map<String, Long> perStateChange = mailsTo(smtp, r).stream()
          .collect(Collectors.groupingBy(OutageRestartTest::key, TreeMap::new,
              Collectors.counting()));
      assertThat(perStateChange.values()).as(r + ": " + perStateChange).allMatch(n -> n == 1);
      for (String a : ALARMS) {
        assertThat(perStateChange.keySet())
            .filteredOn(k -> k.startsWith("ALARM: \"" + a + "\""))
            .as(r + " " + a).hasSize(1);
      }
    }
    assertThat(smtp.getReceivedMessages())
        .noneMatch(m -> subject(m).contains("Subscription Confirmation"));
  }

  // ------------------------------------------------------------------ helpers

  static List<OutboxItem> notifications(Path config) {
    try (Database db = readOnly(config)) {
      return new JdbcOutbox(db).items().stream()
          .filter(i -> i.kind() == MessageKind.NOTIFICATION).collect(Collectors.toList());
    }
  }

  private static Database readOnly(Path config) {
    return Database.openReadOnly(ServicePlan.database(ConfigFiles.load(config)));
  }

  /** Subject, state change and timestamp of an alarm e-mail: one state change of one alarm. */
  static String key(MimeMessage m) {
    String body = NotificationEndToEndTest.body(m);
    return subject(m) + " | " + row(body, "- State Change:") + " | " + row(body, "- Timestamp:");
  }

  private static String row(String body, String label) {
    return body.lines().filter(l -> l.startsWith(label)).findFirst()
        .map(l -> l.substring(label.length()).strip()).orElse("?");
  }

  static String subject(MimeMessage m) {
    try {
      return String.valueOf(m.getSubject());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<MimeMessage> mailsTo(GreenMail smtp, String who) {
    Function<MimeMessage, String> to = m -> {
      try {
        return m.getRecipients(Message.RecipientType.TO)[0].toString();
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    };
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (to.apply(m).equals(who)) {
        out.add(m);
      }
    }
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
