package io.mcpwatch.notify;

import java.time.Instant;
import java.util.List;

/**
 * Port: the transactional outbox. The storage layer implements it so that {@link #enqueue} runs in
 * the same transaction as the alarm state change it belongs to (nothing is lost if the process dies
 * right after the change); {@link InMemoryOutbox} is the in-memory implementation. Every attempt is
 * recorded. Implementations must be safe for use from several threads; the single {@link
 * NotificationDispatcher} is the only caller of the {@code mark*} methods.
 */
public interface Outbox {
  /** Adds pending items; an item whose {@link OutboxItem#id()} is already present is ignored. */
  void enqueue(List<OutboxItem> items);

  /**
   * Pending items with {@code nextAttemptAt <= now}, earliest due first (then oldest first), at
   * most {@code limit}.
   */
  List<OutboxItem> due(Instant now, int limit);

  /** Records a failed attempt and keeps the item pending, due again at {@code nextAttemptAt}. */
  void markAttempt(String id, Attempt attempt, Instant nextAttemptAt);

  /** Records the successful attempt; the item is DELIVERED. */
  void markDelivered(String id, Attempt attempt);

  /** Records the last attempt; the item is FAILED for good. */
  void markFailed(String id, Attempt attempt);

  /** Counts for monitoring; {@code stuckAfterAttempts} defines "stuck". */
  OutboxHealth health(Instant now, int stuckAfterAttempts);
}
