package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.notify.JdbcSubscriptionStore;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 10: nothing is sent before the service can run. With the port taken the start fails
 * before any confirmation request leaves; an SNS-style receiver that confirms at once finds the
 * HTTP endpoint already listening.
 */
class StartupOrderTest {
  private static final Pattern SUBSCRIBE_URL = Pattern.compile("\"SubscribeURL\"\\s*:\\s*\"([^\"]+)\"");

  @TempDir Path dir;

  private final List<String> posts = new CopyOnWriteArrayList<>();
  private final List<Integer> confirmAnswers = new CopyOnWriteArrayList<>();
  private HttpServer hook;

  @BeforeEach
  void startHook() throws Exception {
    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/sns", ex -> {
      String body;
      try (InputStream in = ex.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      posts.add(body);
      Matcher m = SUBSCRIBE_URL.matcher(body);
      if (m.find()) { // confirm at once, as a receiver that auto-confirms does
        try {
          HttpResponse<String> r = HttpClient.newHttpClient().send(
              HttpRequest.newBuilder(URI.create(m.group(1).replace("\\/", "/"))).GET().build(),
              HttpResponse.BodyHandlers.ofString());
          confirmAnswers.add(r.statusCode());
        } catch (Exception e) {
          confirmAnswers.add(-1); // connection refused
        }
      }
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    hook.start();
  }

  @AfterEach
  void stopHook() {
    hook.stop(0);
  }

  private String yaml(int port, String token) {
    return ServiceFixture.YAML.replace("      - email: owners@example.com\n",
            "      - http: http://127.0.0.1:" + hook.getAddress().getPort() + "/sns\n")
        + "http:\n  enabled: true\n  host: 127.0.0.1\n  port: " + port + "\n"
        + (token == null ? "" : "  token: " + token + "\n");
  }

  @Test
  void start_portTaken_failsBeforeSendingAnyConfirmation() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      try (ServiceFixture f =
          new ServiceFixture(dir, yaml(taken.getLocalPort(), null), InstantSource.system())) {
        assertThatThrownBy(f::start).isInstanceOf(ServiceException.class)
            .hasMessageContaining("cannot start");
      }
    }
    System.out.printf("port taken: %d requests sent before the failed start%n", posts.size());
    assertThat(posts).isEmpty();
  }

  @Test
  void start_tooShortToken_failsBeforeSendingAnyConfirmation() throws Exception {
    // A guessable token is a configuration error (validate fails on it too): the file is refused
    // when it is loaded, before the service opens anything or sends anything.
    assertThatThrownBy(() -> new ServiceFixture(dir, yaml(0, "short"), InstantSource.system()))
        .isInstanceOf(io.mcpwatch.configfile.ConfigFileException.class)
        .hasMessageContaining("http.token: the token is shorter than 16 characters");
    System.out.printf("short token: %d requests sent before the failed start%n", posts.size());
    assertThat(posts).isEmpty();
  }

  @Test
  void start_receiverConfirmsAtOnce_findsTheEndpointListening() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    try (ServiceFixture f = new ServiceFixture(dir, yaml(port, null), InstantSource.system())) {
      f.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> !confirmAnswers.isEmpty());
      assertThat(confirmAnswers).containsOnly(200);
      try (Database db = Database.openReadOnly(
          ServicePlan.database(ConfigFiles.load(dir.resolve("mcpwatch.yaml"))))) {
        assertThat(new JdbcSubscriptionStore(db).all())
            .allMatch(s -> s.status() == SubscriptionStatus.CONFIRMED);
      }
    }
  }
}
