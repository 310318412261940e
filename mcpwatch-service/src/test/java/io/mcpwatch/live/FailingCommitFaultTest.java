package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: commits fail while HTTP clients wait for theirs. The database file and its WAL are made
 * immutable (EPERM on every write, as a file system remounted read-only), so every commit fails; a
 * request must get 503 with Retry-After, never a 200 for events that are not stored.
 */
@Tag("slow")
class FailingCommitFaultTest {

  @TempDir Path dir;

  @Test
  void post_whenTheCommitFails_answers503WithRetryAfterAndNever200() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      LiveService s = f.start();
      URI base = s.httpUri();
      Path db = ServicePlan.database(f.plan.loaded()).sqliteFile();
      assertThat(db).isNotNull();
      HttpClient client = HttpClient.newHttpClient();
      int refused = 0;
      int ok = 0;
      Path wal = db.resolveSibling(db.getFileName() + "-wal");
      try (AutoCloseable fault = FileFaults.immutable(db, wal)) { // EPERM on every write
        for (int i = 0; i < 2; i++) {
          HttpResponse<String> r = client.send(post(base, 3), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            ok++;
          } else {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.body()).contains("could not be committed");
            refused++;
          }
        }
      }
      System.out.printf("failing commits: %d requests answered 503, %d answered 200%n", refused, ok);
      assertThat(ok).isZero();
      assertThat(s.stats().commitFailures()).isPositive();
      // the database is writable again: a client that honours Retry-After gets its 200
      HttpResponse<String> r = client.send(post(base, 1), HttpResponse.BodyHandlers.ofString());
      for (int retry = 0; retry < 5 && r.statusCode() == 503; retry++) {
        Thread.sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
        r = client.send(post(base, 1), HttpResponse.BodyHandlers.ofString());
      }
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(ServiceFixture.alarm(f.status(), "teams-prod-auth-failures").matchedEvents())
          .isGreaterThanOrEqualTo(1);
    }
  }

  static HttpRequest post(URI base, int events) {
    long now = System.currentTimeMillis();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < events; i++) {
      body.append("{\"timestamp\":").append(now).append(",\"logGroup\":\"")
          .append(ServiceFixture.GROUP).append("\",\"message\":\"")
          .append(ServiceFixture.OBO_MESSAGE).append("\"}\n");
    }
    return HttpRequest.newBuilder(base.resolve("/v1/logs"))
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
  }
}
