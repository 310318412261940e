package io.mcpwatch.notify.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.notify.PermanentDeliveryException;
import io.mcpwatch.notify.TemporaryDeliveryException;
import io.mcpwatch.notify.testing.HookServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpPostTest {
  private final HookServer server = new HookServer();
  private final HttpPost post = HttpPost.create(Duration.ofSeconds(5), "test-agent");

  HttpPostTest() throws IOException {}

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void create_buildsItsClientAtTheFirstPostOnly() {
    java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
    HttpPost lazy = new HttpPost(() -> {
      built.incrementAndGet();
      return java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    }, Duration.ofSeconds(5), "test-agent");
    server.answer(200, "");
    assertThat(built).hasValue(0);

    assertThatCode(() -> lazy.post(server.hookUrl("/x"), Map.of(), "{}")).doesNotThrowAnyException();
    assertThatCode(() -> lazy.post(server.hookUrl("/y"), Map.of(), "{}")).doesNotThrowAnyException();

    assertThat(built).hasValue(1);
    assertThat(server.received()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 202, 204})
  void post_2xx_isDelivered(int status) {
    server.answer(status, "");

    assertThatCode(() -> post.post(server.hookUrl("/x"), Map.of(), "{}")).doesNotThrowAnyException();
    assertThat(server.received()).singleElement()
        .satisfies(r -> assertThat(r.header("User-Agent")).isEqualTo("test-agent"));
  }

  @Test
  void post_isPlainHttp11WithoutAnH2cUpgrade() {
    server.answer(200, "");

    assertThatCode(() -> post.post(server.hookUrl("/x"), Map.of(), "{}")).doesNotThrowAnyException();
    assertThat(server.received()).singleElement().satisfies(r -> {
      assertThat(r.header("Upgrade")).isNull(); // SNS posts plain HTTP/1.1
      assertThat(r.header("HTTP2-Settings")).isNull();
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 429})
  void post_5xxAnd429_areTemporary(int status) {
    server.answer(status, "try later");

    assertThatThrownBy(() -> post.post(server.hookUrl("/services/T0/B0/s3cr3t"), Map.of(), "{}"))
        .isInstanceOf(TemporaryDeliveryException.class)
        .hasMessage("HTTP " + status + " from 127.0.0.1:" + port() + ": try later");
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 403, 404, 410, 302})
  void post_other4xxAnd3xx_arePermanentAndNameOnlyTheHost(int status) {
    server.answer(status, "invalid_token");

    assertThatThrownBy(() -> post.post(server.hookUrl("/services/T0/B0/s3cr3t"), Map.of(), "{}"))
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessage("HTTP " + status + " from 127.0.0.1:" + port() + ": invalid_token")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
  }

  @Test
  void post_connectionRefused_isTemporary() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed + "/hook/secret";

    assertThatThrownBy(() -> post.post(url, Map.of(), "{}"))
        .isInstanceOf(TemporaryDeliveryException.class)
        .hasMessage("cannot connect to 127.0.0.1:" + closed);
  }

  @Test
  void post_noAnswerWithinTimeout_isTemporary() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.route("/slow", ex -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      HookServer.respond(ex, 200, "");
    });
    HttpPost quick = HttpPost.create(Duration.ofMillis(300), "test-agent");
    try {
      assertThatThrownBy(() -> quick.post(server.baseUrl() + "/slow", Map.of(), "{}"))
          .isInstanceOf(TemporaryDeliveryException.class)
          .hasMessage("no answer from 127.0.0.1:" + port() + " within 300 ms");
    } finally {
      release.countDown();
    }
  }

  @Test
  void post_userInfo_becomesBasicAuthAndLeavesTheUrl() throws Exception {
    String url = "http://alice:p%40ss@127.0.0.1:" + port() + "/hook/with-auth?x=1";

    post.post(url, Map.of("Content-Type", "text/plain; charset=UTF-8"), "body");

    HookServer.Received r = server.received().get(0);
    assertThat(r.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString("alice:p@ss".getBytes(StandardCharsets.UTF_8)));
    assertThat(r.path()).isEqualTo("/hook/with-auth?x=1");
    assertThat(r.body()).isEqualTo("body");
  }

  private int port() {
    return Integer.parseInt(server.baseUrl().substring(server.baseUrl().lastIndexOf(':') + 1));
  }
}
