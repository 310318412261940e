package io.mcpwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mcpwatch.engine.LogEvent;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventQueueTest {
  /** Own threads: blocked tasks on the common pool (one thread on two CPUs) starve others. */
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "test-worker");
            t.setDaemon(true);
            return t;
          });

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  static List<LogEvent> events(int n) {
    return Collections.nCopies(n, new LogEvent("/g", 1, "m"));
  }

  @Test
  void offer_refusesWholeBatchOverCapacity() {
    EventQueue q = new EventQueue(10, Duration.ofSeconds(2));
    assertThat(q.offer(events(6))).isEqualTo(Admission.accepted());
    assertThat(q.offer(events(5))).isEqualTo(Admission.busy(Duration.ofSeconds(2)));
    assertThat(q.offer(events(4))).isEqualTo(Admission.accepted());
    assertThat(q.size()).isEqualTo(10);
    assertThat(q.poll()).hasSize(6);
    assertThat(q.size()).isEqualTo(4);
    assertThat(q.offer(events(5))).isEqualTo(Admission.accepted());
  }

  /** A batch's identity travels with it to the consumer (who commits it with the events). */
  @Test
  void offer_withAToken_isPolledWithIt_inOrder() {
    EventQueue q = new EventQueue(100, Duration.ofSeconds(1));
    q.offer(events(2), "digest-1");
    q.offer(events(3));
    EventSink sink = q;
    sink.offer(events(1), "digest-2");

    assertThat(q.pollBatch()).satisfies(b -> {
      assertThat(b.events()).hasSize(2);
      assertThat(b.token()).isEqualTo("digest-1");
    });
    assertThat(q.pollBatch().token()).isNull();
    assertThat(q.pollBatch().token()).isEqualTo("digest-2");
    assertThat(q.pollBatch()).isNull();
    assertThat(q.taken()).isEqualTo(3);
  }

  @Test
  void offer_oversizedBatchTakenWhenEmpty() throws InterruptedException {
    EventQueue q = new EventQueue(3, Duration.ofSeconds(1));
    assertThat(q.offer(events(5))).isEqualTo(Admission.accepted());
    assertThat(q.offer(events(1))).isInstanceOf(Admission.Busy.class);
    assertThat(q.poll(Duration.ofMillis(10))).hasSize(5);
    assertThat(q.poll(Duration.ofMillis(10))).isNull();
    assertThat(q.size()).isZero();
  }

  @Test
  void offer_withCommitWait_returnsOnceTheConsumerCommittedItsBatch() throws Exception {
    EventQueue q = new EventQueue(100, Duration.ofSeconds(1), Duration.ofSeconds(30), () -> {});
    CompletableFuture<Admission> first =
        CompletableFuture.supplyAsync(() -> q.offer(events(2)), pool);
    await().atMost(Duration.ofSeconds(5)).until(() -> q.size() == 2);
    CompletableFuture<Admission> second =
        CompletableFuture.supplyAsync(() -> q.offer(events(1)), pool);
    await().atMost(Duration.ofSeconds(5)).until(() -> q.size() == 3);

    assertThat(q.poll()).hasSize(2);
    assertThat(q.taken()).isEqualTo(1);
    assertThat(first).isNotDone();
    q.committedThrough(q.taken());
    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(Admission.accepted());
    assertThat(second).isNotDone();

    assertThat(q.poll()).hasSize(1);
    q.committedThrough(q.taken());
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(Admission.accepted());
  }

  @Test
  void offer_withCommitWait_isReleasedByCloseAsNotCommitted() throws Exception {
    EventQueue q = new EventQueue(100, Duration.ofSeconds(1), Duration.ofSeconds(30), () -> {});
    CompletableFuture<Admission> waiting =
        CompletableFuture.supplyAsync(() -> q.offer(events(1)), pool);
    await().atMost(Duration.ofSeconds(5)).until(() -> q.size() == 1);
    q.close();
    assertThat(waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(Admission.NotCommitted.class);
    assertThat(q.offer(events(1))).isInstanceOf(Admission.NotCommitted.class);
  }

  @Test
  void offer_withShortCommitWait_isNotCommittedWhenTheWaitIsOver() {
    EventQueue q = new EventQueue(100, Duration.ofSeconds(1), Duration.ofMillis(20), () -> {});
    Admission a = q.offer(events(1));
    assertThat(a).isInstanceOf(Admission.NotCommitted.class);
    assertThat(((Admission.NotCommitted) a).reason()).contains("not committed within 1 s");
    assertThat(q.size()).isEqualTo(1);
  }

  @Test
  void offer_whenTheCommitFails_isNotCommittedAtOnce() throws Exception {
    EventQueue q = new EventQueue(100, Duration.ofSeconds(2), Duration.ofSeconds(60), () -> {});
    CompletableFuture<Admission> waiting =
        CompletableFuture.supplyAsync(() -> q.offer(events(3)), pool);
    await().atMost(Duration.ofSeconds(5)).until(() -> q.size() == 3);
    assertThat(q.poll()).hasSize(3);
    q.commitFailed(q.taken(), "storage unavailable");
    Admission a = waiting.get(5, TimeUnit.SECONDS);
    assertThat(a).isInstanceOf(Admission.NotCommitted.class);
    assertThat(((Admission.NotCommitted) a).retryAfterSeconds()).isEqualTo(2);
    assertThat(((Admission.NotCommitted) a).reason()).contains("storage unavailable");
  }

  @Test
  void constructor_rejectsZeroCapacity() {
    assertThatThrownBy(() -> new EventQueue(0, Duration.ZERO))
        .hasMessageContaining("http.queueCapacity");
  }

  @Test
  void busy_retryAfterRoundsUpToWholeSeconds() {
    assertThat(new Admission.Busy(Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
    assertThat(new Admission.Busy(Duration.ofMillis(2001)).retryAfterSeconds()).isEqualTo(3);
    assertThat(new Admission.Busy(Duration.ofSeconds(4)).retryAfterSeconds()).isEqualTo(4);
  }
}
