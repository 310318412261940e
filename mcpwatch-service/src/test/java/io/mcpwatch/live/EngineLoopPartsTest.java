package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.notify.IdSource;
import io.mcpwatch.notify.InMemoryOutbox;
import io.mcpwatch.notify.InMemorySubscriptionStore;
import io.mcpwatch.notify.NotificationPlanner;
import io.mcpwatch.notify.NotifySettings;
import io.mcpwatch.notify.OutboxHealth;
import io.mcpwatch.notify.SubscriptionManager;
import io.mcpwatch.notify.http.SigningKeys;
import io.mcpwatch.server.ingest.EventQueue;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: the engine thread's first commit of more new alarms than one part ({@link
 * EngineLoop#FULL_COMMIT_PART}) is written in parts, the first of which already holds (and so
 * acknowledges) the events ingested before it; a stop requested at once still writes every alarm.
 * The clock stands still half a minute before a boundary.
 */
class EngineLoopPartsTest {
  private static final Instant NOW = Instant.parse("2026-01-05T10:00:30Z");
  private static final int APPS = 650; // x 4 alarms: 2,600, three parts

  @TempDir Path dir;

  @Test
  void run_firstCommitOfManyAlarms_isWrittenInPartsAndAStopWritesThemAll() throws Exception {
    InstantSource clock = InstantSource.fixed(NOW);
    LoadedConfig loaded = load();
    assertThat(loaded.alarms()).hasSize(APPS * 4);
    Path file = dir.resolve("state.db");
    List<Boolean> unwrittenAfterCommit = new CopyOnWriteArrayList<>();
    List<EngineSnapshot> firstCommit = new CopyOnWriteArrayList<>();
    try (Database db = Database.open(DatabaseConfig.sqlite(file))) {
      StateStore store = StateStore.create(db, clock);
      EventQueue http = new EventQueue(10_000, Duration.ofSeconds(1));
      EngineLoop loop = loop(loaded, store, clock, http);
      loop.afterCommit(() -> {
        unwrittenAfterCommit.add(store.hasUnwritten());
        if (firstCommit.isEmpty()) { // what another process reads after the first commit
          try (Database ro = Database.openReadOnly(DatabaseConfig.sqlite(file))) {
            firstCommit.add(StateStore.create(ro, clock).load().orElseThrow().engine());
          }
        }
      });
      List<LogEvent> batch = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        batch.add(new LogEvent("/ecs/prod/a7", NOW.minusSeconds(5).toEpochMilli(),
            "WARNING:  OBO token exchange failed for request " + i));
      }
      http.offer(batch);
      loop.requestStop(); // before it starts: everything queued is processed, then it stops

      Thread engine = new Thread(loop, "engine-under-test");
      engine.start();
      assertThat(loop.await(Duration.ofSeconds(120))).isTrue();

      assertThat(loop.failure()).isNull();
      assertThat(unwrittenAfterCommit).as("a part per commit").hasSizeGreaterThanOrEqualTo(3)
          .startsWith(true).endsWith(false);
      EngineSnapshot first = firstCommit.get(0);
      assertThat(first.alarms()).hasSizeLessThan(loaded.alarms().size());
      assertThat(first.alarms()).filteredOn(a -> a.alarmName().equals("a7-prod-obo"))
          .singleElement().satisfies(a -> assertThat(a.matchedEvents()).isEqualTo(3));
      EngineSnapshot all = store.load().orElseThrow().engine();
      assertThat(all.alarms()).hasSize(loaded.alarms().size());
      assertThat(all.series()).hasSize(loaded.alarms().size());
      assertThat(all.alarms()).filteredOn(a -> a.matchedEvents() > 0).singleElement()
          .satisfies(a -> assertThat(a.alarmName()).isEqualTo("a7-prod-obo"));
    }
  }

  private LoadedConfig load() throws Exception {
    StringJoiner apps = new StringJoiner(", ", "[", "]");
    for (int i = 0; i < APPS; i++) {
      apps.add("a" + i);
    }
    String yaml = String.join("\n",
        "namespace: MCP/Bench",
        "region: eu-west-1",
        "logGroup: /ecs/{env}/{app}",
        "alarmName: \"{app}-{env}-{alarm}\"",
        "environments:",
        "  prod:",
        "    topic: bench-alarms-prod",
        "apps: " + apps,
        "defaults:",
        "  period: 60",
        "  evaluationPeriods: 1",
        "  statistic: Sum",
        "  comparison: GreaterThanOrEqualToThreshold",
        "  treatMissingData: notBreaching",
        "  metricValue: \"1\"",
        "alarms:",
        "  obo: { metric: OboFailures, pattern: '\"OBO token exchange failed\"', threshold: 5 }",
        "  errors: { metric: Errors, pattern: '[level=\"ERROR:*\", ...]', threshold: 5 }",
        "  http4xx: { metric: Http4xx, pattern: '[level, client, dash, request, status=4*, ...]',"
            + " threshold: 20 }",
        "  http5xx: { metric: Http5xx, pattern: '[level, client, dash, request, status=5*, ...]',"
            + " threshold: 5 }",
        "");
    Path config = dir.resolve("mcpwatch.yaml");
    Files.writeString(config, yaml, StandardCharsets.UTF_8);
    return ConfigFiles.load(config);
  }

  private static EngineLoop loop(LoadedConfig loaded, StateStore store, InstantSource clock,
      EventQueue http) {
    NotifySettings settings = NotifySettings.of("eu-west-1", "http://127.0.0.1:9");
    SubscriptionManager subscriptions = new SubscriptionManager(settings,
        new InMemorySubscriptionStore(), new InMemoryOutbox(),
        new NotificationPlanner(settings, SigningKeys.generate(clock)), IdSource.secure(), clock);
    return new EngineLoop(loaded.alarms(), EngineOptions.defaults().withEarlyFiring(false), null,
        store, subscriptions, clock, new Inbox(16), http, new ServiceFixture.Recorder(), () -> {},
        () -> new OutboxHealth(0, 0, 0, null, Duration.ZERO), 5, Duration.ofMillis(100),
        Duration.ofHours(1), new Telemetry());
  }
}
