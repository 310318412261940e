package io.mcpwatch.notify.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.notify.NotificationPlanner;
import io.mcpwatch.notify.NotifySettings;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.PermanentDeliveryException;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.notify.TopicConfig;
import io.mcpwatch.notify.TriggerLine;
import io.mcpwatch.notify.testing.TestAlarms;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailboxNotifierTest {
  private final NotifySettings settings = NotifySettings.of("eu-west-1", "http://127.0.0.1:8787");
  private final String topicArn = settings.topicArn(TestAlarms.TOPIC);

  private OutboxItem item(String protocol, String endpoint, String alarmName) {
    Subscription s = new Subscription("sub-1", topicArn, Protocol.parse(protocol), endpoint,
        SubscriptionStatus.CONFIRMED, null, TestAlarms.T0, null, TestAlarms.T0);
    return new NotificationPlanner(settings, d -> new byte[0]).plan(
        TestAlarms.notice(alarmName, TestAlarms.T0, TestAlarms.lines()),
        List.of(new TopicConfig(TestAlarms.TOPIC, null, List.of())), List.of(s), TestAlarms.T0)
        .items().get(0);
  }

  @Test
  void send_writesOneParsableEmlPerItem_evenWhenRepeated(@TempDir Path dir) throws Exception {
    MailboxNotifier mailbox = new MailboxNotifier(dir, "mcpwatch@example.org",
        () -> TestAlarms.T0);
    OutboxItem item = item("email", "ops@example.com", "prod-teams-auth");

    mailbox.send(item);
    mailbox.send(item);

    Path file = mailbox.fileFor(item);
    assertThat(file.getParent()).isEqualTo(dir.resolve("ops@example.com"));
    assertThat(file.getFileName().toString()).isEqualTo("20260427T101500Z-" + item.id() + ".eml");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
    MimeMessage m;
    try (InputStream in = Files.newInputStream(file)) {
      m = new MimeMessage(Session.getInstance(new Properties()), in);
    }
    assertThat(m.getSubject()).isEqualTo("ALARM: \"prod-teams-auth\" in EU (Ireland)");
    assertThat(m.getHeader("To")).containsExactly("ops@example.com");
    assertThat(m.getHeader("Message-ID")).containsExactly("<" + item.id()
        + ".mcpwatch@example.org>");
    assertThat((String) m.getContent()).contains("ERROR auth: OBO token exchange failed");
  }

  @Test
  void send_hostileNameAndLine_staysInsideSubjectAndBody(@TempDir Path dir) throws Exception {
    MailboxNotifier mailbox = new MailboxNotifier(dir, "mcpwatch@example.org",
        () -> TestAlarms.T0);
    Subscription s = new Subscription("sub-1", topicArn, Protocol.EMAIL, "ops@example.com",
        SubscriptionStatus.CONFIRMED, null, TestAlarms.T0, null, TestAlarms.T0);
    OutboxItem item = new NotificationPlanner(settings, d -> new byte[0]).plan(
        TestAlarms.notice("x\nBcc: evil@example.com", TestAlarms.T0,
            List.of(new TriggerLine(TestAlarms.T0, "y\r\nTo: evil2@example.com"))),
        List.of(new TopicConfig(TestAlarms.TOPIC, null, List.of())), List.of(s), TestAlarms.T0)
        .items().get(0);

    mailbox.send(item);

    String raw = Files.readString(mailbox.fileFor(item));
    assertThat(raw.lines()).noneMatch(l -> l.startsWith("Bcc:"))
        .filteredOn(l -> l.startsWith("To:")).containsExactly("To: ops@example.com");
  }

  @Test
  void send_nonEmailProtocol_isPermanentFailure(@TempDir Path dir) {
    MailboxNotifier mailbox = new MailboxNotifier(dir, "mcpwatch@example.org",
        () -> TestAlarms.T0);

    assertThatThrownBy(() -> mailbox.send(item("slack", "https://hooks.slack.com/x", "a")))
        .isInstanceOf(PermanentDeliveryException.class);
  }

  @Test
  void safe_replacesPathCharacters() {
    assertThat(MailboxNotifier.safe("../../etc/passwd")).isEqualTo("_.._.._etc_passwd");
    assertThat(MailboxNotifier.safe("a+b@example.com")).isEqualTo("a_b@example.com");
  }
}
