package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.config.ServiceSettings.RetrySettings;
import io.mcpwatch.notify.Attempt;
import io.mcpwatch.notify.AttemptOutcome;
import io.mcpwatch.notify.BackoffFunction;
import io.mcpwatch.notify.InMemoryOutbox;
import io.mcpwatch.notify.MessageKind;
import io.mcpwatch.notify.NotificationDispatcher;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.OutboxStatus;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.RetryPolicy;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.notify.JdbcOutbox;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code notifications.retry} reaches the live dispatcher: with SMTP down and an HTTP subscriber
 * answering 503, the confirmation requests are rescheduled after the configured delays (read from
 * the outbox and its attempt records), and the HTTP one gives up after its configured retry.
 */
class RetryPolicyLiveTest {
  @TempDir Path dir;

  private final AtomicInteger posts = new AtomicInteger();
  private HttpServer hookServer;

  @BeforeEach
  void startHookServer() throws IOException {
    hookServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hookServer.createContext("/sns", ex -> {
      try (InputStream in = ex.getRequestBody()) {
        in.readAllBytes();
      }
      posts.incrementAndGet();
      ex.sendResponseHeaders(503, -1);
      ex.close();
    });
    hookServer.start();
  }

  @AfterEach
  void stopHookServer() {
    hookServer.stop(0);
  }

  @Test
  void run_configuredRetryPolicies_scheduleTheRetries() throws Exception {
    String yaml = ServiceFixture.YAML
        .replace("      - email: owners@example.com\n",
            "      - email: owners@example.com\n"
                + "      - http: http://127.0.0.1:" + hookServer.getAddress().getPort() + "/sns\n")
        + "http:\n  enabled: false\n"
        + "smtp:\n  host: 127.0.0.1\n  port: " + closedPort() + "\n  security: none\n"
        + "notifications:\n"
        + "  retry:\n"
        + "    email: { minDelayTarget: 30 }\n"
        + "    http: { numRetries: 1, minDelayTarget: 3, maxDelayTarget: 3 }\n";
    OffsetClock clock = new OffsetClock();

    try (ServiceFixture f = new ServiceFixture(dir, yaml, clock)) {
      f.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> confirmations().size() == 2
          && confirmations().stream().allMatch(i -> i.attempts() == 1));

      // The first retry is due after the configured delay (SNS's would be 10 s and 20 s).
      OutboxItem email = confirmation(Protocol.EMAIL);
      OutboxItem http = confirmation(Protocol.HTTP);
      assertThat(email.status()).isEqualTo(OutboxStatus.PENDING);
      assertThat(http.status()).isEqualTo(OutboxStatus.PENDING);
      assertThat(Duration.between(attempts(email).get(0).at(), email.nextAttemptAt()))
          .isEqualTo(Duration.ofSeconds(30));
      assertThat(Duration.between(attempts(http).get(0).at(), http.nextAttemptAt()))
          .isEqualTo(Duration.ofSeconds(3));

      // numRetries 1: the HTTP request is tried once more, 3 s later, and then given up.
      clock.advance(Duration.ofSeconds(3));
      await().atMost(Duration.ofSeconds(20))
          .until(() -> confirmation(Protocol.HTTP).status() == OutboxStatus.FAILED);
      List<Attempt> tried = attempts(confirmation(Protocol.HTTP));
      assertThat(tried).extracting(Attempt::outcome)
          .containsExactly(AttemptOutcome.TEMPORARY_FAILURE, AttemptOutcome.TEMPORARY_FAILURE);
      assertThat(Duration.between(tried.get(0).at(), tried.get(1).at()))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
      assertThat(posts.get()).isEqualTo(2);
      assertThat(confirmation(Protocol.EMAIL).attempts()).isEqualTo(1);
    }
  }

  @Test
  void retryPolicies_everyProtocol_getsItsGroupsPolicy() {
    RetryPolicy email = new RetryPolicy(4, 1, 1, 1, Duration.ofSeconds(2), Duration.ofSeconds(9),
        BackoffFunction.GEOMETRIC);
    RetryPolicy http = new RetryPolicy(2, 0, 0, 0, Duration.ofSeconds(5), Duration.ofSeconds(5),
        BackoffFunction.LINEAR);

    NotificationDispatcher configured = Transports.retryPolicies(
        NotificationDispatcher.builder(new InMemoryOutbox(), InstantSource.system()),
        new RetrySettings(email, http)).build();
    NotificationDispatcher defaults = Transports.retryPolicies(
        NotificationDispatcher.builder(new InMemoryOutbox(), InstantSource.system()),
        RetrySettings.defaults()).build();

    assertThat(configured.retryPolicy(Protocol.EMAIL)).isEqualTo(email);
    assertThat(configured.retryPolicy(Protocol.EMAIL_JSON)).isEqualTo(email);
    for (Protocol p : List.of(Protocol.HTTP, Protocol.HTTPS, Protocol.SLACK, Protocol.TEAMS)) {
      assertThat(configured.retryPolicy(p)).as(p.id()).isEqualTo(http);
    }
    for (Protocol p : Protocol.values()) {
      assertThat(defaults.retryPolicy(p)).as(p.id()).isEqualTo(RetryPolicy.defaultFor(p));
    }
  }

  private List<OutboxItem> confirmations() {
    try (Database db = readOnly()) {
      return new JdbcOutbox(db).items().stream()
          .filter(i -> i.kind() != MessageKind.NOTIFICATION).toList();
    }
  }

  private OutboxItem confirmation(Protocol p) {
    return confirmations().stream().filter(i -> i.protocol() == p).findFirst().orElseThrow();
  }

  private List<Attempt> attempts(OutboxItem item) {
    try (Database db = readOnly()) {
      return new JdbcOutbox(db).attempts(item.id());
    }
  }

  private Database readOnly() {
    return Database.openReadOnly(
        ServicePlan.database(ConfigFiles.load(dir.resolve("mcpwatch.yaml"))));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
