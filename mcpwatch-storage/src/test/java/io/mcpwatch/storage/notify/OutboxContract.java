package io.mcpwatch.storage.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.notify.Attempt;
import io.mcpwatch.notify.AttemptOutcome;
import io.mcpwatch.notify.MessageKind;
import io.mcpwatch.notify.Outbox;
import io.mcpwatch.notify.OutboxHealth;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.OutboxStatus;
import io.mcpwatch.notify.Protocol;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The {@link Outbox} port's semantics, as {@code InMemoryOutbox} defines them; every implementation
 * runs it.
 */
abstract class OutboxContract {

  static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

  abstract Outbox outbox();

  /** Every item in enqueue order. */
  abstract List<OutboxItem> items();

  abstract List<Attempt> attempts(String id);

  static OutboxItem item(String id, Instant created, Instant due) {
    return item(id, created, due, "alarm-" + id, "Subject " + id, "https://u/" + id);
  }

  static OutboxItem item(
      String id,
      Instant created,
      Instant due,
      @Nullable String alarm,
      @Nullable String subject,
      @Nullable String unsubscribe) {
    return new OutboxItem(
        id,
        "msg-" + id,
        alarm == null ? MessageKind.SUBSCRIPTION_CONFIRMATION : MessageKind.NOTIFICATION,
        alarm == null ? Protocol.HTTPS : Protocol.EMAIL_JSON,
        "https://hooks.example/secret-" + id,
        "arn:aws:sns:us-east-1:1:t",
        "arn:aws:sns:us-east-1:1:t:" + id,
        alarm,
        subject,
        "{\"body\":\"" + id + "\"}",
        unsubscribe,
        "Topic display",
        created,
        OutboxStatus.PENDING,
        0,
        due,
        null);
  }

  private static Attempt temporary(int n, Instant at) {
    return new Attempt(n, at, AttemptOutcome.TEMPORARY_FAILURE, "HTTP 503 from hooks.example");
  }

  @Test
  void enqueue_keepsEveryFieldAndIgnoresIdsAlreadyPresent() {
    OutboxItem a = item("a", T, T);
    OutboxItem confirmation = item("c", T.plusMillis(1), T.plusMillis(1), null, null, null);
    outbox().enqueue(List.of(a, confirmation));
    outbox().enqueue(List.of(item("a", T.plusSeconds(9), T.plusSeconds(9))));
    outbox().enqueue(List.of());
    assertThat(items()).containsExactly(a, confirmation);
  }

  @Test
  void due_returnsPendingItemsEarliestDueFirstThenOldestThenEnqueueOrder() {
    outbox()
        .enqueue(
            List.of(
                item("late", T, T.plusSeconds(30)),
                item("b2", T.plusSeconds(2), T.plusSeconds(10)),
                item("b1", T.plusSeconds(1), T.plusSeconds(10)),
                item("tie1", T.plusSeconds(3), T.plusSeconds(20)),
                item("tie2", T.plusSeconds(3), T.plusSeconds(20)),
                item("future", T, T.plusSeconds(31))));
    assertThat(outbox().due(T.plusSeconds(30), 10))
        .extracting(OutboxItem::id)
        .containsExactly("b1", "b2", "tie1", "tie2", "late");
    assertThat(outbox().due(T.plusSeconds(30), 2))
        .extracting(OutboxItem::id)
        .containsExactly("b1", "b2");
    assertThat(outbox().due(T.plusSeconds(9), 10)).isEmpty();
  }

  @Test
  void markAttempt_recordsTheFailureAndReschedules() {
    outbox().enqueue(List.of(item("a", T, T)));
    outbox().markAttempt("a", temporary(1, T.plusSeconds(1)), T.plusSeconds(21));
    OutboxItem after = items().get(0);
    assertThat(after.status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(after.attempts()).isEqualTo(1);
    assertThat(after.nextAttemptAt()).isEqualTo(T.plusSeconds(21));
    assertThat(after.lastError()).isEqualTo("HTTP 503 from hooks.example");
    assertThat(outbox().due(T.plusSeconds(20), 10)).isEmpty();
    assertThat(outbox().due(T.plusSeconds(21), 10)).containsExactly(after);
    assertThat(attempts("a")).containsExactly(temporary(1, T.plusSeconds(1)));
  }

  @Test
  void markDelivered_isFinalAndKeepsTheLastError() {
    outbox().enqueue(List.of(item("a", T, T)));
    outbox().markAttempt("a", temporary(1, T.plusSeconds(1)), T.plusSeconds(2));
    Attempt ok = new Attempt(2, T.plusSeconds(3), AttemptOutcome.DELIVERED, "");
    outbox().markDelivered("a", ok);
    OutboxItem after = items().get(0);
    assertThat(after.status()).isEqualTo(OutboxStatus.DELIVERED);
    assertThat(after.attempts()).isEqualTo(2);
    assertThat(after.lastError()).isEqualTo("HTTP 503 from hooks.example");
    assertThat(outbox().due(T.plusSeconds(999), 10)).isEmpty();
    assertThat(attempts("a")).containsExactly(temporary(1, T.plusSeconds(1)), ok);
    assertThatThrownBy(() -> outbox().markFailed("a", temporary(3, T.plusSeconds(4))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DELIVERED");
    assertThat(attempts("a")).hasSize(2);
  }

  @Test
  void markFailed_isFinal() {
    outbox().enqueue(List.of(item("a", T, T)));
    Attempt fail = new Attempt(1, T.plusSeconds(1), AttemptOutcome.PERMANENT_FAILURE, "HTTP 404");
    outbox().markFailed("a", fail);
    assertThat(items().get(0).status()).isEqualTo(OutboxStatus.FAILED);
    assertThat(items().get(0).lastError()).isEqualTo("HTTP 404");
    assertThatThrownBy(() -> outbox().markAttempt("a", temporary(2, T), T))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> outbox().markDelivered("missing", temporary(1, T)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void health_countsPendingFailedStuckAndTheOldestPendingAge() {
    outbox()
        .enqueue(
            List.of(
                item("old", T, T),
                item("new", T.plusSeconds(50), T.plusSeconds(50)),
                item("gone", T.minusSeconds(100), T),
                item("fine", T.minusSeconds(200), T)));
    for (int n = 1; n <= 3; n++) {
      outbox().markAttempt("old", temporary(n, T.plusSeconds(n)), T.plusSeconds(n + 1));
    }
    outbox().markFailed("gone", temporary(1, T));
    outbox().markDelivered("fine", new Attempt(1, T, AttemptOutcome.DELIVERED, ""));
    assertThat(outbox().health(T.plusSeconds(60), 3))
        .isEqualTo(new OutboxHealth(2, 1, 1, T, Duration.ofSeconds(60)));
    assertThat(outbox().health(T.minusSeconds(1), 4))
        .isEqualTo(new OutboxHealth(2, 1, 0, T, Duration.ZERO));
  }
}
