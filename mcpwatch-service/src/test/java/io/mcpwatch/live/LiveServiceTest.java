package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveServiceTest {

  @TempDir Path dir;

  @Test
  void run_lineToTransitionToOutboxToMailbox() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "text", "iso", false)) {
      LiveService s = f.start();
      confirmAll(s);
      Instant now = ServiceFixture.awayFromBoundary();
      f.append(ServiceFixture.access(now, 200), ServiceFixture.obo(now), ServiceFixture.obo(now),
          ServiceFixture.obo(now));
      await().atMost(Duration.ofSeconds(10)).until(() -> alarmed(f, "teams-prod-auth-failures"));
      AlarmTransition t = f.recorder.transitions.stream()
          .filter(x -> x.newState() == AlarmState.ALARM).findFirst().orElseThrow();
      assertThat(t.early()).isTrue();
      assertThat(t.reason()).startsWith("Threshold Crossed");
      Path box = dir.resolve("mcpwatch-data/mailbox/owners@example.com");
      // by subject: the OK e-mails of a first evaluation (a slow start crosses a minute boundary)
      // mention ALARM in their text too
      await().atMost(Duration.ofSeconds(10))
          .until(() -> emlContaining(box, "Subject: ALARM:").size() == 1);
      String mail = Files.readString(emlContaining(box, "Subject: ALARM:").get(0),
          StandardCharsets.UTF_8);
      assertThat(mail).contains("teams-prod-auth-failures").contains("OBO token exchange failed");
    }
  }

  static boolean alarmed(ServiceFixture f, String name) {
    return f.recorder.transitions.stream()
        .anyMatch(t -> t.alarm().spec().alarmName().equals(name)
            && t.newState() == AlarmState.ALARM);
  }

  static void confirmAll(LiveService s) {
    SubscriptionManager m = s.subscriptions();
    s.database().transaction(c -> {
      for (Subscription sub : m.subscriptions()) {
        m.confirm(sub.topicArn(), sub.token());
      }
      return null;
    });
  }

  static List<Path> emlContaining(Path box, String text) throws IOException {
    if (!Files.isDirectory(box)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(box)) {
      return files.filter(p -> p.toString().endsWith(".eml"))
          .filter(p -> {
            try {
              return Files.readString(p, StandardCharsets.ISO_8859_1).contains(text);
            } catch (IOException e) {
              return false;
            }
          })
          .collect(Collectors.toList());
    }
  }
}
