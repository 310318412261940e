package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.storage.notify.JdbcOutbox;
import io.mcpwatch.storage.notify.JdbcSubscriptionStore;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code mcpwatch run} as a new user meets it (issue 5, tests): the configuration file names an SMTP
 * server (GreenMail on 127.0.0.1), two e-mail subscribers and an SNS-style HTTP subscriber (a JDK
 * HTTP server on 127.0.0.1). The recipients confirm through the links in what they received,
 * against the service's real HTTP server; an alarm fires from appended log lines; one recipient
 * unsubscribes through the link in the alarm e-mail and is not mailed the next transition.
 *
 * <p>The service runs on a clock the test moves forward by a few minutes once the recipient has
 * unsubscribed, so the alarm returns to OK then (and not before) without waiting for it.
 */
class NotificationEndToEndTest {
  @RegisterExtension
  static final GreenMailExtension GREENMAIL =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final String ALICE = "alice@example.com";
  private static final String BOB = "bob@example.com";
  private static final String ALARM = "teams-prod-auth-failures";
  private static final String REGION = "US East (N. Virginia)";
  private static final Pattern CONFIRM_LINK = Pattern.compile("Confirm subscription: (\\S+)");
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();
  private final List<Hook> hooks = new CopyOnWriteArrayList<>();
  private HttpServer hookServer;

  /** One POST the SNS-style subscriber received. */
  record Hook(Map<String, String> headers, String body) {
    String type() {
      return headers.get("x-amz-sns-message-type");
    }
  }

  @BeforeEach
  void startHookServer() throws IOException {
    hookServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hookServer.createContext("/sns", ex -> {
      try (InputStream in = ex.getRequestBody()) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        hooks.add(new Hook(headers, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    hookServer.start();
  }

  @AfterEach
  void stopHookServer() {
    hookServer.stop(0);
  }

  private String yaml() {
    return ServiceFixture.YAML
        .replace("region: eu-west-1", "region: us-east-1")
        .replace("      - email: owners@example.com\n",
            "      - email: " + ALICE + "\n"
                + "      - email: " + BOB + "\n"
                + "      - http: http://127.0.0.1:" + hookServer.getAddress().getPort() + "/sns\n")
        + "sources:\n"
        + "  - { app: teams, env: prod, type: file, path: logs/*.log, startAt: beginning,"
        + " format: text, timestampFormat: iso }\n"
        + "http:\n  listen: 127.0.0.1:0\n"
        + "smtp:\n  host: 127.0.0.1\n  port: " + GREENMAIL.getSmtp().getPort() + "\n"
        + "  security: none\n  from: mcpwatch@example.org\n";
  }

  @Test
  void run_confirmByLinkAlarmMailedWithLinesUnsubscribeByLinkAndSignedWebhook() throws Exception {
    OffsetClock clock = new OffsetClock();
    try (ServiceFixture f = new ServiceFixture(dir, yaml(), clock)) {
      LiveService s = f.start();
      String base = s.httpUri().toString().replaceAll("/$", "");
      String config = f.configFile.toString();

      // 1. The confirmation e-mails arrive; each link confirms through the real HTTP server.
      assertThat(GREENMAIL.waitForIncomingEmail(15_000, 2)).isTrue();
      for (String who : List.of(ALICE, BOB)) {
        MimeMessage m =
            only(withSubject(who, "mcpwatch Notification - Subscription Confirmation"));
        Matcher link = CONFIRM_LINK.matcher(body(m));
        assertThat(link.find()).as(body(m)).isTrue();
        assertThat(link.group(1)).startsWith(base + "/sns/confirm?TopicArn=");
        HttpResponse<String> page = get(link.group(1));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Subscription confirmed!");
      }

      // 2. The HTTP subscriber gets a signed SubscriptionConfirmation and visits SubscribeURL.
      await().atMost(Duration.ofSeconds(15)).until(() -> ofType("SubscriptionConfirmation") != null);
      Hook confirmation = ofType("SubscriptionConfirmation");
      JsonNode c = JSON.readTree(confirmation.body());
      assertThat(c.get("SignatureVersion").asString()).isEqualTo("2");
      assertThat(c.get("SigningCertURL").asString()).startsWith(base + "/");
      X509Certificate cert = certificate(c.get("SigningCertURL").asString());
      assertThat(verify(c, cert)).isTrue();
      HttpResponse<String> subscribed = get(c.get("SubscribeURL").asString());
      assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(200);

      // 3. mcpwatch subscriptions list shows all three confirmed (read beside the service).
      CliRun.Cli list = CliRun.cli("subscriptions", "list", "-c", config);
      assertThat(list.exit()).as(list.err()).isZero();
      assertThat(list.out().lines().filter(l -> l.startsWith("CONFIRMED ")))
          .hasSize(3)
          .anyMatch(l -> l.contains(ALICE))
          .anyMatch(l -> l.contains(BOB))
          .anyMatch(l -> l.contains("http ") && l.contains("127.0.0.1"));
      Map<String, Subscription> subs = subscriptions(s);
      assertThat(subs.values()).allMatch(Subscription::isConfirmed);

      // 4. Three OBO failures fire the alarm (early, within its minute).
      ServiceFixture.awayFromBoundary(); // the clock has no offset yet
      List<Instant> times = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        times.add(clock.instant().plusMillis(i));
      }
      f.append(ServiceFixture.access(times.get(0), 200), ServiceFixture.obo(times.get(0)),
          ServiceFixture.obo(times.get(1)), ServiceFixture.obo(times.get(2)));
      String alarmSubject = "ALARM: \"" + ALARM + "\" in " + REGION;
      await().atMost(Duration.ofSeconds(20)).until(() ->
          withSubject(ALICE, alarmSubject).size() == 1 && withSubject(BOB, alarmSubject).size() == 1);
      MimeMessage alarmMail = only(withSubject(ALICE, alarmSubject));
      String text = body(alarmMail);
      assertThat(text).startsWith("You are receiving this email because your mcpwatch alarm \""
          + ALARM + "\" in the " + REGION + " region has entered the ALARM state, because"
          + " \"Threshold Crossed");
      assertThat(text).containsSubsequence("Log events that triggered it (the latest 3 of 3",
          "View this alarm in mcpwatch:", "Alarm Details:", "- Name:", ALARM, "- State Change:",
          "-> ALARM", "Threshold:", "Monitored Metric:", "- MetricName:", "OBOAuthFailures",
          "State Change Actions:", "--\n");
      for (Instant t : times) {
        assertThat(text.lines()).as("the line of " + t)
            .anyMatch(l -> l.startsWith("- " + LOG_TIME.format(t) + "  ")
                && l.contains("OBO token exchange failed: AADSTS50013"));
      }
      String aliceArn = subs.get(ALICE).arn();
      String unsubscribe = unsubscribeLink(text);
      assertThat(unsubscribe).startsWith(base + "/sns/unsubscribe?SubscriptionArn=")
          .contains(io.mcpwatch.notify.Links.encode(aliceArn));
      assertThat(alarmMail.getHeader("List-Unsubscribe")).containsExactly("<" + unsubscribe + ">");
      String alarmLink = lineAfter(text, "View this alarm in mcpwatch:\n");
      assertThat(alarmLink).isEqualTo(base + "/alarms/" + ALARM);
      HttpResponse<String> alarmPage = get(alarmLink);
      assertThat(alarmPage.statusCode()).isEqualTo(200);
      assertThat(alarmPage.body()).contains(ALARM).contains("ALARM");

      // 5. The HTTP subscriber receives the signed Notification.
      await().atMost(Duration.ofSeconds(15)).until(() -> notification("ALARM") != null);
      Hook n = notification("ALARM");
      String httpArn = subs.values().stream()
          .filter(x -> x.protocol() == io.mcpwatch.notify.Protocol.HTTP).findFirst()
          .orElseThrow().arn();
      assertThat(n.headers().get("x-amz-sns-subscription-arn")).isEqualTo(httpArn);
      JsonNode doc = JSON.readTree(n.body());
      assertThat(doc.get("Subject").asString()).isEqualTo(alarmSubject);
      assertThat(n.headers().get("x-amz-sns-message-id")).isEqualTo(doc.get("MessageId").asString());
      JsonNode message = JSON.readTree(doc.get("Message").asString());
      assertThat(message.get("AlarmName").asString()).isEqualTo(ALARM);
      assertThat(message.get("NewStateValue").asString()).isEqualTo("ALARM");
      assertThat(message.get("Trigger").get("MetricName").asString()).isEqualTo("OBOAuthFailures");
      assertThat(doc.get("UnsubscribeURL").asString()).startsWith(base + "/sns/unsubscribe?");
      X509Certificate cert2 = certificate(doc.get("SigningCertURL").asString());
      assertThat(verify(doc, cert2)).isTrue();
      assertThat(verify(JSON.readTree(n.body().replace(ALARM, "teams-prod-other")), cert2))
          .as("a changed document fails verification").isFalse();

      // 6. Alice unsubscribes through the link; the return to OK reaches Bob and the webhook only.
      HttpResponse<String> gone = get(unsubscribe);
      assertThat(gone.statusCode()).as(gone.body()).isEqualTo(200);
      assertThat(subscriptions(s).get(ALICE).status()).isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
      String okSubject = "OK: \"" + ALARM + "\" in " + REGION;
      assertThat(f.recorder.transitions).noneMatch(t -> t.oldState() == AlarmState.ALARM);
      clock.advance(Duration.ofMinutes(4)); // the alarm's minute leaves its evaluation range
      await().atMost(Duration.ofSeconds(30)).until(() ->
          f.recorder.transitions.stream().anyMatch(t ->
              t.alarm().spec().alarmName().equals(ALARM) && t.oldState() == AlarmState.ALARM
                  && t.newState() == AlarmState.OK));
      await().atMost(Duration.ofSeconds(15)).until(() ->
          withSubject(BOB, okSubject).stream().anyMatch(m -> body(m).contains("ALARM -> OK"))
              && notification("OK") != null);
      JdbcOutbox outbox = new JdbcOutbox(s.database());
      await().atMost(Duration.ofSeconds(15)).until(() ->
          outbox.health(clock.instant(), 1).pending() == 0);
      assertThat(withSubject(ALICE, okSubject)).noneMatch(m -> body(m).contains("ALARM -> OK"));
      assertThat(withSubject(ALICE, alarmSubject)).hasSize(1);
      assertThat(withSubject(BOB, alarmSubject)).hasSize(1);
      assertThat(withSubject(BOB, okSubject).stream().filter(m -> body(m).contains("ALARM -> OK")))
          .hasSize(1);
    }
  }

  // ------------------------------------------------------------------ helpers

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private Hook ofType(String type) {
    return hooks.stream().filter(h -> type.equals(h.type())).findFirst().orElse(null);
  }

  /** The Notification whose alarm message has {@code newState}, or null. */
  private Hook notification(String newState) {
    for (Hook h : hooks) {
      if ("Notification".equals(h.type())) {
        JsonNode doc = JSON.readTree(h.body());
        JsonNode m = JSON.readTree(doc.get("Message").asString());
        if (m.get("AlarmName").asString().equals(ALARM)
            && m.get("NewStateValue").asString().equals(newState)) {
          return h;
        }
      }
    }
    return null;
  }

  private static Map<String, Subscription> subscriptions(LiveService s) {
    return new JdbcSubscriptionStore(s.database()).all().stream()
        .collect(Collectors.toMap(Subscription::endpoint, x -> x));
  }

  /** The certificate at SigningCertURL, parsed by the JDK (not by mcpwatch's own code). */
  private X509Certificate certificate(String url) throws Exception {
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(r.body()));
  }

  /**
   * SNS SignatureVersion 2 as a subscriber checks it (AWS's documented procedure): "key\nvalue\n"
   * for the signed keys present, in their fixed order, verified with SHA256withRSA.
   */
  private static boolean verify(JsonNode doc, X509Certificate cert) throws Exception {
    List<String> keys = doc.get("Type").asString().equals("Notification")
        ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
        : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
    StringBuilder b = new StringBuilder();
    for (String k : keys) {
      if (doc.has(k)) {
        b.append(k).append('\n').append(doc.get(k).asString()).append('\n');
      }
    }
    Signature v = Signature.getInstance("SHA256withRSA");
    v.initVerify(cert.getPublicKey());
    v.update(b.toString().getBytes(StandardCharsets.UTF_8));
    return v.verify(Base64.getDecoder().decode(doc.get("Signature").asString()));
  }

  static List<MimeMessage> mailsTo(String who) {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : GREENMAIL.getReceivedMessages()) {
      try {
        for (jakarta.mail.Address a : m.getRecipients(Message.RecipientType.TO)) {
          if (a.toString().equals(who)) {
            out.add(m);
          }
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  static List<MimeMessage> withSubject(String who, String subject) {
    return mailsTo(who).stream().filter(m -> {
      try {
        return subject.equals(m.getSubject());
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).collect(Collectors.toList());
  }

  static MimeMessage only(List<MimeMessage> ms) {
    assertThat(ms).hasSize(1);
    return ms.get(0);
  }

  static String body(MimeMessage m) {
    try {
      return ((String) m.getContent()).replace("\r\n", "\n");
    } catch (IOException | jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unsubscribeLink(String body) {
    return lineAfter(body, "visit the link below to unsubscribe:\n");
  }

  private static String lineAfter(String body, String marker) {
    int i = body.indexOf(marker);
    assertThat(i).as(body).isPositive();
    int start = i + marker.length();
    return body.substring(start, body.indexOf('\n', start));
  }
}
