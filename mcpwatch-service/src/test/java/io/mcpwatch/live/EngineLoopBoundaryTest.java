package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.engine.EngineOptions;
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
import io.mcpwatch.storage.state.SavedState;
import io.mcpwatch.storage.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine loop at a minute boundary (issue 14), on an injected clock that stands still: what
 * was queued when the boundary became due is ingested and committed before the boundary's work,
 * and counts in its evaluation exactly as if the loop had taken it a moment earlier.
 */
class EngineLoopBoundaryTest {
  /** A minute boundary. */
  private static final Instant T = Instant.parse("2026-01-05T10:01:00Z");

  @TempDir Path dir;

  /** A clock a test sets; it does not move by itself. */
  private static final class SetClock implements InstantSource {
    private final AtomicLong millis;

    SetClock(Instant at) {
      millis = new AtomicLong(at.toEpochMilli());
    }

    void set(Instant at) {
      millis.set(at.toEpochMilli());
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }
  }

  @Test
  void run_batchQueuedWhenABoundaryIsDue_isCommittedBeforeAndCountedInTheBoundary()
      throws Exception {
    SetClock clock = new SetClock(T.minusSeconds(30));
    LoadedConfig loaded = load();
    try (Database db = Database.open(DatabaseConfig.sqlite(dir.resolve("state.db")))) {
      StateStore store = StateStore.create(db, clock);
      EventQueue http = new EventQueue(10_000, Duration.ofSeconds(1));
      ServiceFixture.Recorder recorder = new ServiceFixture.Recorder();
      EngineLoop loop = loop(loaded, store, clock, http, recorder);
      List<Integer> transitionsAtCommit = new CopyOnWriteArrayList<>();
      loop.afterCommit(() -> transitionsAtCommit.add(recorder.transitions.size()));
      // the boundary is due when the loop starts, and three failures (threshold 3) of the
      // minute before it wait in the queue
      clock.set(T.plusMillis(5));
      List<LogEvent> batch = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        batch.add(new LogEvent(ServiceFixture.GROUP, T.minusSeconds(10 - i).toEpochMilli(),
            "WARNING:  OBO token exchange failed for request " + i));
      }
      http.offer(batch);

      Thread engine = new Thread(loop, "engine-under-test");
      engine.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> recorder.transitions.size() >= 2);
      loop.requestStop();
      assertThat(loop.await(Duration.ofSeconds(60))).isTrue();

      assertThat(loop.failure()).isNull();
      assertThat(recorder.transitions)
          .extracting(t -> t.alarm().spec().alarmName() + " " + t.oldState() + " -> "
              + t.newState() + " at " + t.time() + (t.early() ? " early" : ""))
          .containsExactlyInAnyOrder(
              "teams-prod-auth-failures INSUFFICIENT_DATA -> ALARM at " + T,
              "teams-prod-http-5xx INSUFFICIENT_DATA -> OK at " + T);
      // the batch's commit (which answers its request) came before the boundary's evaluations
      assertThat(transitionsAtCommit).first().isEqualTo(0);
      assertThat(transitionsAtCommit).last().isEqualTo(2);
      SavedState saved = store.load().orElseThrow();
      assertThat(saved.engine().alarms()).allSatisfy(a -> {
        assertThat(a.lastEvaluatedMillis()).isEqualTo(T.toEpochMilli());
        assertThat(a.state()).isNotEqualTo(AlarmState.INSUFFICIENT_DATA);
      });
    }
  }

  @Test
  void run_nothingQueuedAtTheBoundary_evaluatesItAsBefore() throws Exception {
    SetClock clock = new SetClock(T.minusSeconds(30));
    LoadedConfig loaded = load();
    try (Database db = Database.open(DatabaseConfig.sqlite(dir.resolve("state.db")))) {
      StateStore store = StateStore.create(db, clock);
      EventQueue http = new EventQueue(10_000, Duration.ofSeconds(1));
      ServiceFixture.Recorder recorder = new ServiceFixture.Recorder();
      EngineLoop loop = loop(loaded, store, clock, http, recorder);
      clock.set(T.plusMillis(5));

      Thread engine = new Thread(loop, "engine-under-test");
      engine.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> recorder.transitions.size() >= 2);
      loop.requestStop();
      assertThat(loop.await(Duration.ofSeconds(60))).isTrue();

      assertThat(loop.failure()).isNull();
      assertThat(recorder.transitions)
          .extracting(t -> t.oldState() + " -> " + t.newState() + " at " + t.time())
          .containsExactly("INSUFFICIENT_DATA -> OK at " + T, "INSUFFICIENT_DATA -> OK at " + T);
    }
  }

  @Test
  void transitionSummary_manyTransitions_countsEachChangeAndNamesTheFirstThree() throws Exception {
    List<ResolvedAlarm> alarms = load().alarms();
    List<AlarmTransition> ts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      AlarmState to = i < 9 ? AlarmState.OK : AlarmState.ALARM;
      ts.add(new AlarmTransition(alarms.get(i % 2), T, AlarmState.INSUFFICIENT_DATA, to, "r", "{}",
          false, List.of()));
    }

    assertThat(EngineLoop.transitionSummary(ts)).isEqualTo(
        "12 alarms changed state at " + T + ": INSUFFICIENT_DATA -> OK 9,"
            + " INSUFFICIENT_DATA -> ALARM 3 (teams-prod-auth-failures, teams-prod-http-5xx,"
            + " teams-prod-auth-failures, ...); each alarm's line at debug level"
            + " (-Dmcpwatch.log.level=DEBUG)");
    assertThat(ts).hasSizeGreaterThan(EngineLoop.MAX_TRANSITION_LINES);
  }

  @Test
  void heldClock_heldBeforeABoundary_staysBelowItUntilReleased() {
    SetClock clock = new SetClock(T.plusMillis(5));
    EngineLoop.HeldClock held = new EngineLoop.HeldClock(clock);

    held.holdBefore(T.toEpochMilli());
    long during = held.millis();
    Instant duringInstant = held.instant();
    clock.set(T.minusSeconds(1));
    long earlierDuring = held.millis();
    held.release();

    assertThat(during).isEqualTo(T.toEpochMilli() - 1);
    assertThat(duringInstant).isEqualTo(T.minusMillis(1));
    assertThat(earlierDuring).isEqualTo(T.minusSeconds(1).toEpochMilli());
    assertThat(held.isHeld()).isFalse();
    assertThat(held.millis()).isEqualTo(T.minusSeconds(1).toEpochMilli());
  }

  private LoadedConfig load() throws Exception {
    Path config = dir.resolve("mcpwatch.yaml");
    Files.writeString(config, ServiceFixture.YAML, StandardCharsets.UTF_8);
    return ConfigFiles.load(config);
  }

  private static EngineLoop loop(LoadedConfig loaded, StateStore store, InstantSource clock,
      EventQueue http, RunListener listener) {
    NotifySettings settings = NotifySettings.of("eu-west-1", "http://127.0.0.1:9");
    SubscriptionManager subscriptions = new SubscriptionManager(settings,
        new InMemorySubscriptionStore(), new InMemoryOutbox(),
        new NotificationPlanner(settings, SigningKeys.generate(clock)), IdSource.secure(), clock);
    return new EngineLoop(loaded.alarms(), EngineOptions.defaults().withEarlyFiring(false), null,
        store, subscriptions, clock, new Inbox(16), http, listener, () -> {},
        () -> new OutboxHealth(0, 0, 0, null, Duration.ZERO), 5, Duration.ofMillis(100),
        Duration.ofHours(1), new Telemetry());
  }
}
