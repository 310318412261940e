package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpIngestTest {

  @TempDir Path dir;

  @Test
  void httpIngest_eventsReachTheEngineAndFireTheAlarm() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      LiveService s = f.start();
      URI base = s.httpUri();
      assertThat(base).isNotNull();
      assertThat(base.getHost()).isEqualTo("127.0.0.1");
      long now = ServiceFixture.awayFromBoundary().toEpochMilli();
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        body.append("{\"timestamp\":").append(now).append(",\"logGroup\":\"")
            .append(ServiceFixture.GROUP).append("\",\"message\":\"")
            .append(ServiceFixture.OBO_MESSAGE).append("\"}\n");
      }
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(base.resolve("/v1/logs"))
              .header("Content-Type", "application/x-ndjson")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      // the 200 came after the commit: the events are in the database already
      assertThat(ServiceFixture.alarm(f.status(), "teams-prod-auth-failures").matchedEvents())
          .isEqualTo(3);
      await().atMost(Duration.ofSeconds(10))
          .until(() -> LiveServiceTest.alarmed(f, "teams-prod-auth-failures"));
      assertThat(s.stats().httpEvents()).isEqualTo(3);
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(base.resolve("/healthz")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("eventsFromHttp");
    }
  }
}
