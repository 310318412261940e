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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The "View this alarm" link of every notification leads to a page of the running service. */
class AlarmPagesLiveTest {

  @TempDir Path dir;

  @Test
  void alarmLink_servesTheAlarmsCurrentState() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "text", "iso", true)) {
      LiveService s = f.start();
      URI base = s.httpUri();
      assertThat(base).isNotNull();
      Instant now = ServiceFixture.awayFromBoundary();
      f.append(ServiceFixture.obo(now), ServiceFixture.obo(now), ServiceFixture.obo(now));
      await().atMost(Duration.ofSeconds(10))
          .until(() -> LiveServiceTest.alarmed(f, "teams-prod-auth-failures"));

      await().atMost(Duration.ofSeconds(10))
          .until(() -> get(base, "/alarms/teams-prod-auth-failures").body().contains("ALARM"));
      HttpResponse<String> page = get(base, "/alarms/teams-prod-auth-failures");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("text/html"));
      assertThat(page.body()).contains("Threshold Crossed").contains("matched 3")
          .doesNotContain("teams-prod-http-5xx")
          .doesNotContain("no longer in the configuration");

      HttpResponse<String> json = get(base, "/alarms/teams-prod-auth-failures?format=json");
      JsonNode doc = JsonMapper.builder().build().readTree(json.body());
      assertThat(doc.get("alarms")).hasSize(1);
      assertThat(doc.get("alarms").get(0).get("finalState").asString()).isEqualTo("ALARM");

      HttpResponse<String> all = get(base, "/alarms/");
      assertThat(all.statusCode()).isEqualTo(200);
      assertThat(all.body()).contains("teams-prod-auth-failures").contains("teams-prod-http-5xx");
      assertThat(get(base, "/alarms").statusCode()).isEqualTo(200);
      assertThat(get(base, "/alarms/no-such-alarm").statusCode()).isEqualTo(404);
    }
  }

  private static HttpResponse<String> get(URI base, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(base.resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
