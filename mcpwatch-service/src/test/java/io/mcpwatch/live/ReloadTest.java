package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.state.RemovedAlarm;
import io.mcpwatch.storage.state.StatusReader;
import io.mcpwatch.storage.state.StatusReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload (SIGHUP) keeps the states of updated alarms, as CloudWatch's PutMetricAlarm does; a
 * removed alarm's history stays readable; a file with errors is refused and the service goes on.
 */
class ReloadTest {
  private static final String SERVICE =
      "sources:\n"
          + "  - { app: teams, env: prod, type: file, path: logs/*.log, startAt: beginning,"
          + " timestampFormat: iso }\n"
          + "http:\n  enabled: false\n";

  @TempDir Path dir;

  @Test
  void reload_keepsStatesOfUpdatedAlarmsAndHistoryOfRemovedOnes() throws Exception {
    Path config = dir.resolve("mcpwatch.yaml");
    Files.writeString(config, ServiceFixture.YAML + SERVICE, StandardCharsets.UTF_8);
    Path log = dir.resolve("logs/teams.log");
    Files.createDirectories(log.getParent());
    ServiceFixture.Recorder recorder = new ServiceFixture.Recorder();
    ServicePlan plan = ServicePlan.of(ConfigFiles.load(config), RunOptions.defaults());
    LiveService s = LiveService.start(plan, recorder, InstantSource.system(),
        new ByteArrayInputStream(new byte[0]));
    try {
      Instant now = ServiceFixture.awayFromBoundary();
      append(log, ServiceFixture.obo(now), ServiceFixture.obo(now), ServiceFixture.obo(now));
      await().atMost(Duration.ofSeconds(10))
          .until(() -> stateOf(config, "teams-prod-auth-failures") == AlarmState.ALARM);
      List<AlarmState> firing = transitions(recorder, "teams-prod-auth-failures");

      // 1: auth-failures updated (a threshold it still breaches, a description), http-5xx removed
      Files.writeString(config, ServiceFixture.YAML
          .replace("    threshold: 3", "    threshold: 2\n    description: updated")
          .replace(HTTP_5XX, "") + SERVICE, StandardCharsets.UTF_8);
      s.reload();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> removed(config).contains("teams-prod-http-5xx"));
      assertThat(stateOf(config, "teams-prod-auth-failures")).isEqualTo(AlarmState.ALARM);
      assertThat(transitions(recorder, "teams-prod-auth-failures"))
          .as("the update did not reset the state").isEqualTo(firing).endsWith(AlarmState.ALARM);

      // 2: auth-failures removed too; its history stays readable
      Files.writeString(config, ServiceFixture.YAML.replace(AUTH_FAILURES, "")
          .replace(HTTP_5XX, "") .replace("alarms:\n", "alarms:\n" + HTTP_5XX) + SERVICE,
          StandardCharsets.UTF_8);
      s.reload();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> removed(config).contains("teams-prod-auth-failures"));
      try (Database db = Database.openReadOnly(ServicePlan.database(plan.loaded()))) {
        List<HistoryItem> h = new StatusReader(db).history("prod", "teams-prod-auth-failures", 50);
        assertThat(h).anyMatch(i -> i.type() == HistoryItem.Type.StateUpdate
            && i.summary().contains("to ALARM"));
      }

      // 3: a file with errors is refused; the service keeps running and reading
      Files.writeString(config, ServiceFixture.YAML.replace("threshold: 3", "threshold: [x]")
          + SERVICE, StandardCharsets.UTF_8);
      long before = s.stats().lines();
      s.reload();
      append(log, ServiceFixture.access(Instant.now(), 200));
      await().atMost(Duration.ofSeconds(10)).until(() -> s.stats().lines() > before);
      assertThat(s.failed()).isFalse();
    } finally {
      s.stop();
    }
  }

  private static final String AUTH_FAILURES =
      "  auth-failures:\n"
          + "    metric: OBOAuthFailures\n"
          + "    pattern: '\"OBO token exchange failed\"'\n"
          + "    threshold: 3\n";
  private static final String HTTP_5XX =
      "  http-5xx:\n"
          + "    metric: HTTP5xx\n"
          + "    pattern: '[level, client, dash, request=*HTTP*, status=5*, ...]'\n"
          + "    threshold: 1000\n";

  private static void append(Path log, String... lines) throws Exception {
    Files.writeString(log, String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static StatusReport report(Path config) {
    try (Database db = Database.openReadOnly(ServicePlan.database(ConfigFiles.load(config)))) {
      return new StatusReader(db).report(Instant.now(), 2, 4);
    }
  }

  private static AlarmState stateOf(Path config, String name) {
    return report(config).alarms().stream().filter(a -> a.alarmName().equals(name))
        .map(a -> a.state()).findFirst().orElse(AlarmState.INSUFFICIENT_DATA);
  }

  private static List<String> removed(Path config) {
    return report(config).removed().stream().map(RemovedAlarm::alarmName)
        .collect(Collectors.toList());
  }

  private static List<AlarmState> transitions(ServiceFixture.Recorder r, String name) {
    return r.transitions.stream().filter(t -> t.alarm().spec().alarmName().equals(name))
        .map(AlarmTransition::newState).collect(Collectors.toList());
  }
}
