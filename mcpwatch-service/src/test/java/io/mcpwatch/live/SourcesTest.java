package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpwatch.storage.state.StatusReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {

  @TempDir Path dir;

  @Test
  void rotation_renamedFileIsReadToItsEndAndTheNewFileFromItsStart() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", false)) {
      f.start();
      Instant now = ServiceFixture.awayFromBoundary();
      String obo = ServiceFixture.jsonl(now, ServiceFixture.OBO_MESSAGE);
      f.append(obo, obo);
      f.awaitLines(2);
      Path rotated = dir.resolve("logs/teams.log.1");
      Files.move(f.log, rotated);
      // the writer still has the old file open for a moment
      Files.writeString(rotated, obo + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
      f.append(obo, obo, obo);
      f.awaitLines(6);
      await().atMost(Duration.ofSeconds(10)).until(() -> f.service.stats().commits() > 0
          && ServiceFixture.alarm(f.status(), "teams-prod-auth-failures").matchedEvents() == 6);
      assertThat(f.recorder.notices).anyMatch(n -> n.contains("rotated"));
      assertThat(f.recorder.notices).anyMatch(n -> n.contains("following") && n.contains("new file"));
    }
  }

  @Test
  void badInput_isCountedAndNeverStopsTheService() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", false)) {
      f.start();
      Instant now = ServiceFixture.awayFromBoundary();
      String obo = ServiceFixture.jsonl(now, ServiceFixture.OBO_MESSAGE);
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.writeBytes((obo + "\n").getBytes(StandardCharsets.UTF_8));
      b.writeBytes("{\"timestamp\": 1, \"message\": \"broken\n".getBytes(StandardCharsets.UTF_8));
      char[] big = new char[10 << 20];
      Arrays.fill(big, 'x');
      b.writeBytes(ServiceFixture.jsonl(now, new String(big)).getBytes(StandardCharsets.UTF_8));
      b.write('\n');
      b.writeBytes(("{\"timestamp\":" + now.toEpochMilli() + ",\"message\":\"")
          .getBytes(StandardCharsets.UTF_8));
      b.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, ' '});
      b.writeBytes("OBO token exchange failed\"}\n".getBytes(StandardCharsets.UTF_8));
      b.writeBytes(("{\"timestamp\":" + now.toEpochMilli()
          + ",\"message\":\"x\",\"logGroup\":\"/nobody/reads/this\"}\n")
          .getBytes(StandardCharsets.UTF_8));
      b.writeBytes((obo + "\n").getBytes(StandardCharsets.UTF_8));
      f.appendRaw(b.toByteArray());
      f.awaitLines(6);
      RunStats s = f.service.stats();
      assertThat(s.malformed()).isEqualTo(1);
      assertThat(s.oversized()).isEqualTo(1);
      assertThat(s.invalidUtf8()).isEqualTo(1);
      assertThat(s.sourceEvents()).isEqualTo(4);
      await().atMost(Duration.ofSeconds(5)).until(() -> f.service.stats().unknownLogGroup() == 1);
      // and it keeps going
      f.append(obo);
      f.awaitLines(7);
      await().atMost(Duration.ofSeconds(10)).until(() ->
          ServiceFixture.alarm(f.status(), "teams-prod-auth-failures").matchedEvents() == 4);
      assertThat(f.service.failed()).isFalse();
    }
  }

  @Test
  void stdin_linesGoToTheAppsLogGroup() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, ServiceFixture.YAML,
        "jsonl", "none", false, RunOptions.defaults().withStdin("prod/teams"))) {
      Instant now = ServiceFixture.awayFromBoundary();
      String text = (ServiceFixture.obo(now) + "\n").repeat(3);
      f.start(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      await().atMost(Duration.ofSeconds(10)).until(() -> LiveServiceTest.alarmed(f,
          "teams-prod-auth-failures"));
      StatusReport r = f.status();
      assertThat(r.alarms()).isNotEmpty();
    }
  }
}
