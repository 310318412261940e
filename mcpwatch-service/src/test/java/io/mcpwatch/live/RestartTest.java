package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.source.tail.FileCheckpoint;
import io.mcpwatch.storage.state.SourceCheckpoint;
import io.mcpwatch.storage.state.AlarmView;
import io.mcpwatch.storage.state.StatusReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {

  @TempDir Path dir;

  /** Lines (OBO failures and 5xx access lines) at times spread over the last 50 s. */
  private static List<String> lines(int n, SplittableRandom r, Instant now, Map<Long, Integer> obo,
      Map<Long, Integer> s5xx) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant t = now.minusMillis(r.nextInt(50_000));
      long minute = t.toEpochMilli() / 60_000 * 60_000;
      int kind = r.nextInt(3);
      if (kind == 0) {
        out.add(ServiceFixture.jsonl(t, ServiceFixture.OBO_MESSAGE));
        obo.merge(minute, 1, Integer::sum);
      } else if (kind == 1) {
        out.add(ServiceFixture.jsonl(t, ServiceFixture.accessMessage(503)));
        s5xx.merge(minute, 1, Integer::sum);
      } else {
        out.add(ServiceFixture.jsonl(t, ServiceFixture.accessMessage(200)));
      }
    }
    return out;
  }

  @Test
  void restart_resumesAtTheCommittedCheckpointsWithoutLossOrDoubleCounting() throws Exception {
    SplittableRandom r = new SplittableRandom(42);
    Map<Long, Integer> obo = new TreeMap<>();
    Map<Long, Integer> s5xx = new TreeMap<>();
    Instant now = ServiceFixture.awayFromBoundary();
    List<String> first = lines(400, r, now, obo, s5xx);
    List<String> whileDown = lines(300, r, now, obo, s5xx);
    List<String> second = lines(200, r, now, obo, s5xx);

    try (ServiceFixture a = new ServiceFixture(dir, "jsonl", "none", false)) {
      a.start();
      a.append(first.toArray(String[]::new));
      a.awaitLines(first.size());
    } // stop: final commit
    ServiceFixture helper = new ServiceFixture(dir, "jsonl", "none", false);
    helper.append(whileDown.toArray(String[]::new));
    try (ServiceFixture b = new ServiceFixture(dir, "jsonl", "none", false)) {
      b.start();
      b.append(second.toArray(String[]::new));
      b.awaitLines(whileDown.size() + second.size());
      Thread.sleep(300); // anything beyond the expected lines would show up now
      assertThat(b.service.stats().lines()).isEqualTo(whileDown.size() + second.size());
    }
    StatusReport status = helper.status();
    AlarmView auth = ServiceFixture.alarm(status, "teams-prod-auth-failures");
    AlarmView http = ServiceFixture.alarm(status, "teams-prod-http-5xx");
    assertThat(perMinute(auth.minutes())).isEqualTo(obo);
    assertThat(perMinute(http.minutes())).isEqualTo(s5xx);
    assertThat(auth.matchedEvents()).isEqualTo(obo.values().stream().mapToInt(i -> i).sum());
    assertThat(status.checkpoints()).hasSize(1);
    List<FileCheckpoint> files =
        ((SourceCheckpoint.Files) status.checkpoints().get(0).checkpoint()).files();
    assertThat(files).hasSize(1);
    assertThat(files.get(0).offset()).isEqualTo(Files.size(helper.log));
  }

  static Map<Long, Integer> perMinute(List<MinuteAggregate> minutes) {
    Map<Long, Integer> out = new TreeMap<>();
    for (MinuteAggregate m : minutes) {
      out.put(m.start().toEpochMilli(), (int) m.sum());
    }
    return out;
  }
}
