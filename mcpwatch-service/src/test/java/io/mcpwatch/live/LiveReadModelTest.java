package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.notify.TriggerLine;
import io.mcpwatch.readmodel.AlarmPage;
import io.mcpwatch.readmodel.AlarmQuery;
import io.mcpwatch.readmodel.AlarmSummary;
import io.mcpwatch.readmodel.HistoryEntry;
import io.mcpwatch.readmodel.ReadModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live service's read model against its own database while it runs. */
class LiveReadModelTest {

  @TempDir Path dir;

  @Test
  void readModel_showsTheCommittedStateAlarmFirstWithDatapointsHistoryAndLines() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "text", "iso", false)) {
      LiveService s = f.start();
      ReadModel m = s.readModel();
      Instant now = ServiceFixture.awayFromBoundary();
      f.append(ServiceFixture.obo(now), ServiceFixture.obo(now), ServiceFixture.obo(now));
      await().atMost(Duration.ofSeconds(15))
          .until(() -> m.alarm(null, "teams-prod-auth-failures")
              .map(a -> a.state() == AlarmState.ALARM).orElse(false));
      long version = m.version();

      AlarmPage page = m.alarms(AlarmQuery.all(10));
      assertThat(page.items()).extracting(AlarmSummary::name)
          .containsExactly("teams-prod-auth-failures", "teams-prod-http-5xx");
      assertThat(page.counts().get(AlarmState.ALARM)).isEqualTo(1);
      assertThat(page.envs()).containsExactly("prod");
      assertThat(page.apps()).containsExactly("teams");
      assertThat(m.alarms(new AlarmQuery(null, null, AlarmState.ALARM, null, 0, 10)).total())
          .isEqualTo(1);
      assertThat(m.alarms(new AlarmQuery(null, null, null, "5XX", 0, 10)).items())
          .extracting(AlarmSummary::name).containsExactly("teams-prod-http-5xx");

      AlarmSummary a = m.alarm("prod", "teams-prod-auth-failures").orElseThrow();
      assertThat(a.matchedEvents()).isEqualTo(3);
      assertThat(a.logGroup()).isEqualTo("/ecs/prod/teams");
      assertThat(a.filterPattern()).isEqualTo("\"OBO token exchange failed\"");
      Instant minute = Instant.ofEpochSecond(now.getEpochSecond() / 60 * 60);
      assertThat(m.datapoints(a.metric(), now.minus(Duration.ofHours(3)), now.plusSeconds(60)))
          .containsExactly(new MinuteAggregate(minute, 3, 3, 1, 1));

      List<HistoryEntry> h = m.history("prod", "teams-prod-auth-failures", 10);
      assertThat(h).extracting(e -> e.item().type())
          .contains(HistoryItem.Type.StateUpdate, HistoryItem.Type.ConfigurationUpdate);
      // The first evaluation may land before the lines (a slow start crosses a minute boundary),
      // so the transition into ALARM may come from INSUFFICIENT_DATA or from OK.
      assertThat(h).extracting(e -> e.item().summary())
          .anyMatch(x -> x.matches("Alarm updated from (INSUFFICIENT_DATA|OK) to ALARM"));
      assertThat(m.triggerLines("prod", "teams-prod-auth-failures"))
          .extracting(TriggerLine::message).hasSize(3)
          .allSatisfy(l -> assertThat(l).contains("OBO token exchange failed"));
      assertThat(m.alarm(null, "no-such-alarm")).isEmpty();
      assertThat(m.version()).isGreaterThanOrEqualTo(version);
    }
  }
}
