package io.mcpwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.engine.LogEvent;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventQueueTest {
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
