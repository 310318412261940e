package io.mcpwatch.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mcpwatch.notify.ActionHistoryItem;
import io.mcpwatch.notify.AlarmNotice;
import io.mcpwatch.notify.ConfirmResult;
import io.mcpwatch.notify.IdSource;
import io.mcpwatch.notify.InMemoryOutbox;
import io.mcpwatch.notify.InMemorySubscriptionStore;
import io.mcpwatch.notify.NotificationDispatcher;
import io.mcpwatch.notify.NotificationPlanner;
import io.mcpwatch.notify.NotifySettings;
import io.mcpwatch.notify.Plan;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.Subscriber;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionManager;
import io.mcpwatch.notify.TopicConfig;
import io.mcpwatch.notify.TriggerLine;
import io.mcpwatch.notify.http.SigningKeys;
import io.mcpwatch.notify.http.SnsMessageVerifier;
import io.mcpwatch.notify.testing.ManualClock;
import io.mcpwatch.notify.testing.TestAlarms;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Confirmation and alarm e-mails through a real SMTP server (GreenMail on 127.0.0.1). */
class SmtpNotifierEndToEndTest {
  @RegisterExtension
  static final GreenMailExtension GREENMAIL =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final SigningKeys KEYS = SigningKeys.generate(() -> TestAlarms.T0);

  private final ManualClock clock = new ManualClock(TestAlarms.T0);
  private final NotifySettings settings = NotifySettings.of("eu-west-1", "http://127.0.0.1:8787");
  private final InMemorySubscriptionStore store = new InMemorySubscriptionStore();
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final List<ActionHistoryItem> history = new ArrayList<>();
  private final String topicArn = settings.topicArn(TestAlarms.TOPIC);
  private SubscriptionManager manager;
  private NotificationDispatcher dispatcher;

  @BeforeEach
  void setUp() {
    manager = new SubscriptionManager(settings, store, outbox,
        new NotificationPlanner(settings, KEYS), IdSource.secure(), clock);
    SmtpNotifier smtp = new SmtpNotifier(SmtpSettings.of("127.0.0.1",
        GREENMAIL.getSmtp().getPort(), SmtpSettings.Security.NONE, "mcpwatch@example.org"), clock);
    dispatcher = NotificationDispatcher.builder(outbox, clock)
        .notifier(smtp, Protocol.EMAIL, Protocol.EMAIL_JSON).subscriptions(store)
        .history(history::add).build();
  }

  private void subscribe(Subscriber... subscribers) {
    manager.reconcile(List.of(new TopicConfig(TestAlarms.TOPIC, "MCP alarms (prod)",
        List.of(subscribers))));
  }

  private MimeMessage[] deliver(int expected) {
    dispatcher.runDue();
    assertThat(GREENMAIL.waitForIncomingEmail(5000, expected)).isTrue();
    return GREENMAIL.getReceivedMessages();
  }

  @Test
  void confirmationEmail_containsOwnLinkWithToken_whichConfirms() throws Exception {
    subscribe(Subscriber.of("email", "ops@example.com"));

    MimeMessage m = deliver(1)[0];

    assertThat(m.getSubject()).isEqualTo("mcpwatch Notification - Subscription Confirmation");
    InternetAddress from = (InternetAddress) m.getFrom()[0];
    assertThat(from.getPersonal()).isEqualTo("MCP alarms (prod)");
    assertThat(from.getAddress()).isEqualTo("mcpwatch@example.org");
    assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
        .containsExactly("ops@example.com");
    String body = GreenMailUtil.getBody(m);
    assertThat(body).contains("You have chosen to subscribe to the topic:\r\n" + topicArn);
    String prefix = "Confirm subscription: http://127.0.0.1:8787/sns/confirm?TopicArn="
        + "arn%3Aaws%3Asns%3Aeu-west-1%3A000000000000%3Aaiconnectors-alarms-prod&Token=";
    assertThat(body).contains(prefix).contains("&Endpoint=ops%40example.com");
    int start = body.indexOf(prefix) + prefix.length();
    String token = body.substring(start, body.indexOf('&', start));
    assertThat(token).hasSize(64).isEqualTo(store.all().get(0).token());
    assertThat(m.getMessageID()).endsWith(".mcpwatch@example.org>");

    ConfirmResult r = manager.confirm(topicArn, token);

    assertThat(r.outcome()).isEqualTo(ConfirmResult.Outcome.CONFIRMED);
  }

  @Test
  void alarmEmail_hasSubjectSectionsTriggeringLinesAndUnsubscribeFooter() throws Exception {
    subscribe(Subscriber.of("email", "ops@example.com"));
    confirmAll();
    GREENMAIL.purgeEmailFromAllMailboxes();

    enqueue(TestAlarms.notice("prod-teams-auth", clock.instant(), TestAlarms.lines()));
    MimeMessage m = deliver(1)[0];

    assertThat(m.getSubject()).isEqualTo("ALARM: \"prod-teams-auth\" in EU (Ireland)");
    Subscription s = store.all().get(0);
    String unsubscribe = settings.links().unsubscribe(s.arn(), "ops@example.com");
    assertThat(m.getHeader("List-Unsubscribe")).containsExactly("<" + unsubscribe + ">");
    assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(m.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
    String body = ((String) m.getContent()).replace("\r\n", "\n");
    assertThat(body).startsWith("You are receiving this email because your mcpwatch alarm"
        + " \"prod-teams-auth\" in the EU (Ireland) region has entered the ALARM state")
        .containsSubsequence("Log events that triggered it",
            "- 2026-04-27 10:14:10.123 UTC  ERROR auth: OBO token exchange failed: invalid_grant",
            "- 2026-04-27 10:14:40.123 UTC  ERROR auth: OBO token exchange failed: AADSTS50013",
            "View this alarm in mcpwatch:", "Alarm Details:", "- State Change:               OK"
                + " -> ALARM", "Threshold:", "Monitored Metric:", "- Dimensions:"
                + "                          [MCP = teams]", "State Change Actions:", "--\n",
            "If you wish to stop receiving notifications from this topic", unsubscribe,
            "Please do not reply directly to this email.");
    assertThat(history).singleElement().satisfies(h ->
        assertThat(h.summary()).isEqualTo("Successfully executed action " + topicArn));
  }

  @Test
  void hostileAlarmNameAndLogLines_cannotAddHeadersOrRecipients() throws Exception {
    subscribe(Subscriber.of("email", "ops@example.com"));
    confirmAll();
    GREENMAIL.purgeEmailFromAllMailboxes();
    String name = "evil\r\nBcc: attacker@evil.example\r\nX-Injected: yes";
    String line = "x\r\nBcc: attacker2@evil.example\r\n\r\n--\r\nContent-Type: text/html\r\n\r\n"
        + "<script>";

    enqueue(TestAlarms.notice(name, clock.instant(),
        List.of(new TriggerLine(clock.instant(), line))));
    MimeMessage m = deliver(1)[0];

    // GreenMail stores a copy per envelope recipient before it answers DATA, so an injected Bcc
    // would already be here.
    assertThat(GREENMAIL.getReceivedMessages()).hasSize(1);
    assertThat(m.getAllRecipients()).extracting(Object::toString)
        .containsExactly("ops@example.com");
    assertThat(m.getHeader("Bcc")).isNull();
    assertThat(m.getHeader("X-Injected")).isNull();
    assertThat(m.getHeader("Content-Type")).hasSize(1);
    assertThat(m.getSubject())
        .isEqualTo("ALARM: \"evil  Bcc: attacker@evil.example  X-Injected: yes\" in EU (Ireland)");
    String raw = GreenMailUtil.getWholeMessage(m);
    assertThat(raw.lines()).noneMatch(l -> l.startsWith("Bcc:") || l.startsWith("X-Injected:"));
    String body = (String) m.getContent();
    assertThat(body).contains("x\\r\\nBcc: attacker2@evil.example\\r\\n\\r\\n--\\r\\nContent-Type:"
        + " text/html\\r\\n\\r\\n<script>");
    assertThat(body.lines()).noneMatch(l -> l.startsWith("Bcc:") || l.startsWith("Content-Type"));
  }

  @Test
  void emailJson_bodyIsSignedSnsDocument() throws Exception {
    subscribe(Subscriber.of("email-json", "robot@example.com"));
    confirmAll();
    GREENMAIL.purgeEmailFromAllMailboxes();

    AlarmNotice notice = TestAlarms.notice("prod-teams-auth", clock.instant(), List.of());
    enqueue(notice);
    MimeMessage m = deliver(1)[0];

    String body = ((String) m.getContent()).replace("\r\n", "\n");
    assertThat(body).startsWith("{\n  \"Type\" : \"Notification\",");
    assertThat(SnsMessageVerifier.verify(body, KEYS.certificate())).isTrue();
    assertThat(SnsMessageVerifier.verify(body.replace("prod-teams-auth", "other"),
        KEYS.certificate())).isFalse();
  }

  private void enqueue(AlarmNotice notice) {
    Plan plan = manager.plan(notice);
    assertThat(plan.history()).isEmpty();
    outbox.enqueue(plan.items());
  }

  private void confirmAll() {
    dispatcher.runDue();
    for (Subscription s : store.all()) {
      assertThat(manager.confirm(s.topicArn(), s.token()).outcome())
          .isEqualTo(ConfirmResult.Outcome.CONFIRMED);
    }
  }
}
