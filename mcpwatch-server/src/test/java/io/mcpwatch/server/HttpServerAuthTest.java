package io.mcpwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.server.ingest.Admission;
import io.mcpwatch.server.web.BearerToken;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HttpServerAuthTest {
  static final String TOKEN = "0123456789abcdef-token";

  final List<LogEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void start_refusesNonLoopbackWithoutToken() {
    for (String host : new String[] {"0.0.0.0", "::"}) {
      ServerSettings s = ServerSettings.defaults().withHost(host).withPort(0);
      assertThatThrownBy(() -> HttpServer.builder(s).ingest(e -> Admission.accepted()).start())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "http.token: required when http.host (" + host + ") is not a loopback address");
    }
  }

  @Test
  void requireTokenOffLoopback_acceptsLoopbackNamesAndTokenedHosts() {
    HttpServer.requireTokenOffLoopback(ServerSettings.defaults().withHost("localhost"));
    HttpServer.requireTokenOffLoopback(ServerSettings.defaults().withHost("::1"));
    HttpServer.requireTokenOffLoopback(
        ServerSettings.defaults()
            .withHost("0.0.0.0")
            .withToken(BearerToken.of("http.token", TOKEN)));
    assertThatThrownBy(
            () ->
                HttpServer.requireTokenOffLoopback(
                    ServerSettings.defaults().withHost("no-such-host.invalid")))
        .hasMessageStartingWith("http.host: cannot resolve");
  }

  @Test
  void postLogs_tokenRequiredWhenConfigured() throws Exception {
    ServerSettings s =
        ServerSettings.defaults().withPort(0).withToken(BearerToken.of("http.token", TOKEN));
    try (HttpServer server =
        HttpServer.builder(s)
            .ingest(
                batch -> {
                  events.addAll(batch);
                  return Admission.accepted();
                })
            .start()) {
      HttpResponse<String> none =
          TestHttp.post(server.baseUri(), "/v1/logs?logGroup=/g", "text/plain", "x\n");
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"mcpwatch\"");
      assertThat(none.body()).contains("\"__type\":\"Unauthorized\"");
      HttpResponse<String> wrong =
          TestHttp.post(
              server.baseUri(),
              "/v1/logs?logGroup=/g",
              "text/plain",
              "x\n",
              "Authorization",
              "Bearer " + TOKEN + "X");
      assertThat(wrong.statusCode()).isEqualTo(401);
      HttpResponse<String> aws =
          TestHttp.post(
              server.baseUri(),
              "/",
              "application/x-amz-json-1.1",
              "{}",
              "X-Amz-Target",
              "Logs_20140328.PutLogEvents");
      assertThat(aws.statusCode()).isEqualTo(401);
      assertThat(events).isEmpty();
      HttpResponse<String> right =
          TestHttp.post(
              server.baseUri(),
              "/v1/logs?logGroup=/g",
              "text/plain",
              "x\n",
              "Authorization",
              "Bearer " + TOKEN);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(events).extracting(LogEvent::message).containsExactly("x");
      assertThat(TestHttp.get(server.baseUri(), "/healthz").statusCode()).isEqualTo(200);
      assertThat(server.ingestStats().snapshot()).containsEntry("ingestRequestsUnauthorized", 3L);
    }
  }

  @Test
  void close_stopsListeningAndIsIdempotent() throws Exception {
    HttpServer server = HttpServer.builder(ServerSettings.defaults().withPort(0)).start();
    java.net.URI base = server.baseUri();
    assertThat(TestHttp.get(base, "/healthz").statusCode()).isEqualTo(200);
    assertThat(TestHttp.get(base, "/v1/logs").statusCode()).isEqualTo(404);
    server.close();
    server.close();
    assertThatThrownBy(() -> TestHttp.get(base, "/healthz")).isInstanceOf(ConnectException.class);
  }

  @Test
  void start_portInUseFailsNamingPort() {
    try (HttpServer first = HttpServer.builder(ServerSettings.defaults().withPort(0)).start()) {
      ServerSettings s = ServerSettings.defaults().withPort(first.port());
      assertThatThrownBy(() -> HttpServer.builder(s).start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("http.port: cannot listen on 127.0.0.1:" + first.port());
    }
  }

  @Test
  void everyAnswer_carriesNosniff_evenOnesThatEchoInput() throws Exception {
    try (HttpServer server =
        HttpServer.builder(ServerSettings.defaults().withPort(0))
            .ingest(batch -> Admission.accepted())
            .start()) {
      HttpResponse<String> echo = TestHttp.post(server.baseUri(), "/v1/logs",
          "text/html<script>alert(1)</script>", "x\n");
      assertThat(echo.statusCode()).isEqualTo(415);
      HttpResponse<String> missing = TestHttp.get(server.baseUri(), "/%3Cscript%3Ealert(1)%3C/script%3E");
      HttpResponse<String> health = TestHttp.get(server.baseUri(), "/healthz");
      for (HttpResponse<String> r : List.of(echo, missing, health)) {
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as(r.uri().toString())
            .hasValue("nosniff");
      }
    }
  }
}
