package io.mcpwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.aws.auth.AccessKey;
import io.mcpwatch.aws.auth.RequestAuth;
import io.mcpwatch.aws.wire.Access;
import io.mcpwatch.server.web.BearerToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

/** SigV4 with real SDK signing: the right key works, every wrong one gets AWS's error code. */
class AuthTest {
  static final String INGEST_ID = "AKIDMCPWATCHINGEST";
  static final String INGEST_SECRET = "ingest-secret-0123456789abcdef";
  static final String TOKEN = "bearer-token-0123456789";
  static final AtomicReference<Duration> serverSkew = new AtomicReference<>(Duration.ZERO);
  static TestServer server;

  @BeforeAll
  static void start() {
    InstantSource skewed = () -> Instant.now().plus(serverSkew.get());
    RequestAuth auth =
        new RequestAuth(
            List.of(
                AccessKey.of("t[0]", TestServer.KEY_ID, TestServer.SECRET, EnumSet.allOf(Access.class)),
                AccessKey.of("t[1]", INGEST_ID, INGEST_SECRET, EnumSet.of(Access.INGEST)),
                AccessKey.fromToken(TOKEN)),
            BearerToken.of("http.token", TOKEN),
            skewed);
    server = new TestServer(UnaryOperator.identity(), auth);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void put(CloudWatchLogsClient c, String message) {
    c.putLogEvents(
        b ->
            b.logGroupName("/mcp/files")
                .logStreamName("auth")
                .logEvents(
                    InputLogEvent.builder()
                        .timestamp(System.currentTimeMillis())
                        .message(message)
                        .build()));
  }

  static String code(Throwable e) {
    return ((CloudWatchLogsException) e).awsErrorDetails().errorCode();
  }

  @Test
  void configuredKey_signedBySdk_isAccepted() {
    try (CloudWatchLogsClient c = server.logsClient(INGEST_ID, INGEST_SECRET, false)) {
      put(c, "auth-ok");
    }
    assertThat(server.sink.counts()).containsEntry("auth-ok", 1);
  }

  @Test
  void tokenAsSecret_withKeyIdMcpwatch_isAccepted() {
    try (CloudWatchLogsClient c = server.logsClient(AccessKey.TOKEN_KEY_ID, TOKEN, false)) {
      put(c, "auth-token-sigv4");
    }
    assertThat(server.sink.counts()).containsEntry("auth-token-sigv4", 1);
  }

  @Test
  void wrongSecret_isInvalidSignatureException() {
    try (CloudWatchLogsClient c = server.logsClient(INGEST_ID, INGEST_SECRET + "x", false)) {
      assertThatThrownBy(() -> put(c, "auth-bad-secret"))
          .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSignatureException"))
          .hasMessageContaining("does not match")
          .hasMessageNotContaining(INGEST_SECRET);
    }
    assertThat(server.sink.counts()).doesNotContainKey("auth-bad-secret");
  }

  @Test
  void unknownKey_isUnrecognizedClientException() {
    try (CloudWatchLogsClient c = server.logsClient("AKIDNOBODYKNOWS00", INGEST_SECRET, false)) {
      assertThatThrownBy(() -> put(c, "auth-unknown"))
          .satisfies(e -> assertThat(code(e)).isEqualTo("UnrecognizedClientException"));
    }
  }

  @Test
  void skewedDate_isSignatureExpired() {
    serverSkew.set(Duration.ofMinutes(20));
    try {
      try (CloudWatchLogsClient c = server.logsClient(INGEST_ID, INGEST_SECRET, false)) {
        assertThatThrownBy(() -> put(c, "auth-skewed"))
            .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSignatureException"))
            .hasMessageContaining("Signature expired");
      }
      assertThat(server.sink.counts()).doesNotContainKey("auth-skewed");
    } finally {
      serverSkew.set(Duration.ZERO);
    }
  }

  @Test
  void dateAheadOfTheServer_isSignatureNotYetCurrent() {
    serverSkew.set(Duration.ofMinutes(-20));
    try (CloudWatchLogsClient c = server.logsClient(INGEST_ID, INGEST_SECRET, false)) {
      assertThatThrownBy(() -> put(c, "auth-future"))
          .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSignatureException"))
          .hasMessageContaining("Signature not yet current");
    } finally {
      serverSkew.set(Duration.ZERO);
    }
  }

  @Test
  void ingestOnlyKey_readCall_isAccessDenied() {
    try (CloudWatchLogsClient c = server.logsClient(INGEST_ID, INGEST_SECRET, false)) {
      assertThatThrownBy(
              () -> c.testMetricFilter(b -> b.filterPattern("x").logEventMessages("x")))
          .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDeniedException"))
          .hasMessageContaining("read");
    }
  }

  @Test
  void bearerToken_orNothing() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(server.uri() + "/"))
            .header("X-Amz-Target", "Logs_20140328.DescribeLogGroups")
            .header("Content-Type", "application/x-amz-json-1.1")
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    HttpResponse<String> none = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.body()).contains("MissingAuthenticationTokenException");
    assertThat(none.headers().firstValue("x-amzn-RequestId")).isPresent();
    HttpResponse<String> bearer =
        http.send(
            req.copy().header("Authorization", "Bearer " + TOKEN).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(bearer.body()).contains("/mcp/github");
    HttpResponse<String> wrong =
        http.send(
            req.copy().header("Authorization", "Bearer not-the-token-at-all").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("UnrecognizedClientException");
  }
}
