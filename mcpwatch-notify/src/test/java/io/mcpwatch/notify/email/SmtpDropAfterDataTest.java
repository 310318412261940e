package io.mcpwatch.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.notify.AttemptOutcome;
import io.mcpwatch.notify.InMemoryOutbox;
import io.mcpwatch.notify.InMemorySubscriptionStore;
import io.mcpwatch.notify.NotificationDispatcher;
import io.mcpwatch.notify.NotificationPlanner;
import io.mcpwatch.notify.NotifySettings;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.OutboxStatus;
import io.mcpwatch.notify.Plan;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.notify.TopicConfig;
import io.mcpwatch.notify.testing.ManualClock;
import io.mcpwatch.notify.testing.TestAlarms;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A receiver that takes the whole message after DATA and drops the connection before its reply
 * (issue 9 item 12): the message may well have arrived. It is sent at most once more, with the
 * same Message-ID, instead of once per retry of the e-mail policy.
 */
class SmtpDropAfterDataTest {

  @Test
  void send_receiverDropsAfterData_repeatsAtMostOnceWithTheSameMessageId() throws Exception {
    List<String> messageIds = new CopyOnWriteArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
      Thread t = new Thread(() -> serve(server, messageIds));
      t.setDaemon(true);
      t.start();
      ManualClock clock = new ManualClock(TestAlarms.T0);
      NotifySettings settings = NotifySettings.of("eu-west-1", "http://127.0.0.1:8787");
      InMemorySubscriptionStore store = new InMemorySubscriptionStore();
      InMemoryOutbox outbox = new InMemoryOutbox();
      String topicArn = settings.topicArn(TestAlarms.TOPIC);
      store.put(new Subscription("id-a", topicArn, Protocol.EMAIL, "a@example.com",
          SubscriptionStatus.CONFIRMED, null, clock.instant(), null, clock.instant()));
      SmtpNotifier smtp = new SmtpNotifier(SmtpSettings.of("127.0.0.1", server.getLocalPort(),
          SmtpSettings.Security.NONE, "mcpwatch@example.org").withTimeouts(Duration.ofSeconds(2),
          Duration.ofSeconds(5), Duration.ofSeconds(5)), clock);
      NotificationDispatcher dispatcher = NotificationDispatcher.builder(outbox, clock)
          .notifier(smtp, Protocol.EMAIL).subscriptions(store).build();
      Plan p = new NotificationPlanner(settings, data -> new byte[0]).plan(
          TestAlarms.notice("prod-teams-auth", clock.instant(), TestAlarms.lines()),
          List.of(new TopicConfig(TestAlarms.TOPIC, null, List.of())), store.all(),
          clock.instant());
      outbox.enqueue(p.items());
      OutboxItem item = p.items().get(0);

      for (int round = 0; round < 10; round++) { // the e-mail policy would retry 50 times
        dispatcher.runDue();
        clock.advance(Duration.ofMinutes(15));
      }
      System.out.printf("drop after DATA: %d copies sent, Message-IDs %s%n", messageIds.size(),
          messageIds);
      assertThat(messageIds).hasSize(2).containsOnly(messageIds.get(0));
      assertThat(outbox.item(item.id()).orElseThrow().status()).isEqualTo(OutboxStatus.FAILED);
      assertThat(outbox.attempts(item.id()).get(1).outcome())
          .isEqualTo(AttemptOutcome.PERMANENT_FAILURE);
      assertThat(outbox.attempts(item.id()).get(1).detail()).contains("may have arrived");
    }
  }

  /** SMTP up to the end of the data, then a dropped connection instead of the 250. */
  private static void serve(ServerSocket server, List<String> messageIds) {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        BufferedReader in = new BufferedReader(
            new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        reply(out, "220 test ESMTP");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String cmd = line.toUpperCase(java.util.Locale.ROOT);
          if (cmd.startsWith("EHLO") || cmd.startsWith("HELO")) {
            reply(out, "250 test");
          } else if (cmd.startsWith("MAIL") || cmd.startsWith("RCPT")) {
            reply(out, "250 ok");
          } else if (cmd.startsWith("DATA")) {
            reply(out, "354 go ahead");
            for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) {
              if (d.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                messageIds.add(d.substring(11).strip());
              }
            }
            break; // the whole message arrived; drop without the 250
          } else {
            reply(out, "250 ok");
          }
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
