package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.source.tail.PossibleGaps;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.state.SourceCheckpoint;
import io.mcpwatch.storage.state.StatusReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9 item 4, as a user meets it: the service tails {@code logs/*.log}; while it is stopped,
 * logrotate renames {@code teams.log} twice ({@code teams.log.1}, {@code teams.log.2}). After the
 * restart every line of every generation is counted once; where generations cannot be followed
 * (compressed), the possible gap is in the log, in {@code /healthz} (real socket) and in {@code
 * status}, and it survives the next restart.
 */
class RotatedWhileStoppedTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  private Instant fileTime = Instant.now().minus(Duration.ofHours(1));
  private int seq;

  /** Appends {@code n} OBO lines; the file's modification time moves 3 s on. */
  private List<String> write(Path file, int n) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(ServiceFixture.jsonl(Instant.now(), ServiceFixture.OBO_MESSAGE + " #" + ++seq));
    }
    ServiceFixture.appendTo(file, lines.toArray(String[]::new));
    fileTime = fileTime.plusSeconds(3);
    Files.setLastModifiedTime(file, FileTime.from(fileTime));
    return lines;
  }

  /** logrotate without compression: teams.log.(k) → teams.log.(k+1), teams.log → teams.log.1. */
  private static void rotate(Path log) throws IOException {
    for (int k = 9; k >= 1; k--) {
      Path from = log.resolveSibling(log.getFileName() + "." + k);
      if (Files.exists(from)) {
        Files.move(from, log.resolveSibling(log.getFileName() + "." + (k + 1)));
      }
    }
    Files.move(log, log.resolveSibling(log.getFileName() + ".1"));
    Files.createFile(log);
  }

  private static void gzip(Path file) throws IOException {
    Path gz = file.resolveSibling(file.getFileName() + ".gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(file, out);
    }
    Files.delete(file);
  }

  private static JsonNode healthz(LiveService s) throws Exception {
    URI base = s.httpUri();
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(base.resolve("/healthz")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private String statusText(ServiceFixture f) {
    try (Database db = Database.openReadOnly(ServicePlan.database(f.plan.loaded()))) {
      return StatusView.read(db, f.plan.loaded().alarms(), a -> true, 2, Instant.now()).text();
    }
  }

  private static PossibleGaps storedGaps(ServiceFixture f) {
    StatusReport r = f.status();
    return ((SourceCheckpoint.Files) r.checkpoints().get(0).checkpoint()).gaps();
  }

  @Test
  void restart_afterTwoRotationsWhileStopped_countsEveryGenerationOnce() throws Exception {
    try (ServiceFixture a = new ServiceFixture(dir, "jsonl", "none", false)) {
      a.start();
      a.awaitLines(0);
      write(a.log, 20);
      a.awaitLines(20);
    } // stopped
    ServiceFixture helper = new ServiceFixture(dir, "jsonl", "none", false);
    int whileDown = write(helper.log, 10).size();
    rotate(helper.log);
    whileDown += write(helper.log, 30).size(); // only in the generation in between
    rotate(helper.log);
    whileDown += write(helper.log, 5).size();

    try (ServiceFixture b = new ServiceFixture(dir, "jsonl", "none", true)) {
      LiveService s = b.start();
      b.awaitLines(whileDown);
      Thread.sleep(300); // anything beyond the expected lines would show up now
      assertThat(s.stats().lines()).as("each line once").isEqualTo(whileDown);
      JsonNode health = healthz(s);
      assertThat(health.get("status").asString()).isEqualTo("ok");
      assertThat(health.has("possibleGaps")).isFalse();
    }
    assertThat(ServiceFixture.alarm(helper.status(), "teams-prod-auth-failures").matchedEvents())
        .isEqualTo(20 + whileDown);
    assertThat(storedGaps(helper)).isEqualTo(PossibleGaps.NONE);
    assertThat(statusText(helper)).doesNotContain("possible gap");
  }

  @Test
  void restart_afterCompressedRotationsWhileStopped_reportsTheGapEverywhereAndKeepsIt()
      throws Exception {
    try (ServiceFixture a = new ServiceFixture(dir, "jsonl", "none", false)) {
      a.start();
      a.awaitLines(0);
      write(a.log, 5);
      a.awaitLines(5);
    }
    ServiceFixture helper = new ServiceFixture(dir, "jsonl", "none", false);
    write(helper.log, 10);
    rotate(helper.log);
    write(helper.log, 10);
    rotate(helper.log);
    gzip(helper.log.resolveSibling("teams.log.2"));
    gzip(helper.log.resolveSibling("teams.log.1"));
    int live = write(helper.log, 4).size();

    try (ServiceFixture b = new ServiceFixture(dir, "jsonl", "none", true)) {
      LiveService s = b.start();
      b.awaitLines(live);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
          .until(() -> healthz(s).has("possibleGaps"));
      JsonNode health = healthz(s);
      assertThat(health.get("status").asString()).isEqualTo("degraded");
      JsonNode gap = health.get("possibleGaps").properties().iterator().next().getValue();
      assertThat(gap.get("count").asLong()).isEqualTo(1);
      assertThat(gap.get("lastReason").asString())
          .contains(helper.log.toString()).contains("compressed");
      assertThat(b.recorder.notices)
          .anySatisfy(n -> assertThat(n).contains("possible gap").contains("compressed"));
    }
    assertThat(storedGaps(helper).count()).isEqualTo(1);
    assertThat(statusText(helper)).contains("possible gaps: 1, last at ").contains("compressed");

    // the next start found nothing new: healthy again, the gap still listed
    try (ServiceFixture c = new ServiceFixture(dir, "jsonl", "none", true)) {
      LiveService s = c.start();
      c.awaitLines(0);
      write(c.log, 2);
      c.awaitLines(2);
      JsonNode health = healthz(s);
      assertThat(health.get("status").asString()).isEqualTo("ok");
      assertThat(health.get("possibleGaps").properties().iterator().next().getValue()
          .get("count").asLong()).isEqualTo(1);
    }
    assertThat(storedGaps(helper).count()).isEqualTo(1);
  }
}
