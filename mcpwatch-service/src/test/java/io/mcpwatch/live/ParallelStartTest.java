package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.Engine;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LiveService#start} opens the database on a second thread while it builds the engine
 * ({@link OpeningStorage}): a start that fails on either side fails with the message of a
 * sequential start (the database first), leaves no start-up thread running and releases the
 * database.
 */
class ParallelStartTest {
  @TempDir Path dir;

  /** The fixture's plan with every alarm twice: the engine refuses it (a name used twice). */
  private static ServicePlan doubled(ServicePlan p) {
    List<ResolvedAlarm> twice = new ArrayList<>(p.alarms());
    twice.addAll(p.alarms());
    return new ServicePlan(p.loaded(), p.options(), twice, p.engineOptions(), p.sources(),
        p.topics(), p.region(), p.storageUrl(), p.dataDir(), p.mailboxDir());
  }

  private static LiveService start(ServicePlan plan) {
    return LiveService.start(plan, RunListener.NONE, InstantSource.system(),
        new ByteArrayInputStream(new byte[0]));
  }

  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals(name));
  }

  private static String engineRefusal(ServicePlan plan) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Engine.create(
        plan.alarms(), plan.engineOptions(), InstantSource.system(), x -> { }));
    assertThat(t).isInstanceOf(IllegalArgumentException.class);
    return t.getMessage();
  }

  @Test
  void start_engineRefusesTheAlarms_sameMessage_databaseReleased_noThreadLeft() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      ServicePlan bad = doubled(f.plan);

      assertThatThrownBy(() -> start(bad))
          .isInstanceOf(ServiceException.class)
          .hasMessage("cannot start: " + engineRefusal(bad));

      assertThat(threadAlive("mcpwatch-start-storage")).isFalse();
      await().atMost(Duration.ofSeconds(60)).until(() -> !threadAlive("mcpwatch-signing-key"));
      // the lock is free: the next start (and any writer) opens the database
      try (Database db = Database.open(ServicePlan.database(f.plan.loaded()))) {
        assertThat(db.isReadOnly()).isFalse();
      }
      LiveService s = f.start();
      assertThat(s.failed()).isFalse();
    }
  }

  @Test
  void start_databaseInUse_sameMessageAsOpeningIt_evenWhenTheEngineRefusesToo() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      f.start();
      Throwable direct = org.assertj.core.api.Assertions.catchThrowable(
          () -> Database.open(ServicePlan.database(f.plan.loaded())).close());
      assertThat(direct).isInstanceOf(StorageException.class);
      String expected = "cannot open the database: " + direct.getMessage();

      assertThatThrownBy(() -> start(f.plan)).isInstanceOf(ServiceException.class)
          .hasMessage(expected);
      // both fail: the database's failure is reported, as a sequential start would
      assertThatThrownBy(() -> start(doubled(f.plan))).isInstanceOf(ServiceException.class)
          .hasMessage(expected);

      assertThat(threadAlive("mcpwatch-start-storage")).isFalse();
      assertThat(f.service.failed()).isFalse();
      assertThat(f.service.httpUri()).isNotNull();
    }
  }
}
