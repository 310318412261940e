package io.mcpwatch.streams;

import io.mcpwatch.notify.Attempt;
import io.mcpwatch.notify.Outbox;
import io.mcpwatch.notify.OutboxHealth;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core {@link Outbox} port over one task's changelogged {@code outbox} store (item id → {@link
 * OutboxItemCodec} JSON). Only pending items are kept: a delivered or finally failed item is
 * deleted (its attempt is logged), and the deletion commits in the task's exactly-once transaction.
 * Used only from the task's stream thread.
 */
final class StoreOutbox implements Outbox {
  static final String STORE = "outbox";
  private static final Logger log = LoggerFactory.getLogger(StoreOutbox.class);

  private final KeyValueStore<String, String> store;

  StoreOutbox(KeyValueStore<String, String> store) {
    this.store = store;
  }

  @Override
  public void enqueue(List<OutboxItem> items) {
    for (OutboxItem i : items) {
      store.putIfAbsent(i.id(), OutboxItemCodec.encode(i));
    }
  }

  @Override
  public List<OutboxItem> due(Instant now, int limit) {
    List<OutboxItem> due = new ArrayList<>();
    try (KeyValueIterator<String, String> it = store.all()) {
      while (it.hasNext()) {
        OutboxItem i = OutboxItemCodec.decode(it.next().value);
        if (i.status() == OutboxStatus.PENDING && !i.nextAttemptAt().isAfter(now)) {
          due.add(i);
        }
      }
    }
    due.sort(Comparator.comparing(OutboxItem::nextAttemptAt).thenComparing(OutboxItem::createdAt)
        .thenComparing(OutboxItem::id));
    return due.size() > limit ? List.copyOf(due.subList(0, limit)) : due;
  }

  @Override
  public void markAttempt(String id, Attempt attempt, Instant nextAttemptAt) {
    OutboxItem i = item(id);
    log.warn("{}: attempt {} failed, next at {}: {}", i, attempt.number(), nextAttemptAt,
        attempt.detail());
    store.put(id, OutboxItemCodec.encode(i.after(attempt, OutboxStatus.PENDING, nextAttemptAt)));
  }

  @Override
  public void markDelivered(String id, Attempt attempt) {
    OutboxItem i = item(id);
    log.info("{} delivered (attempt {})", i, attempt.number());
    store.delete(id);
  }

  @Override
  public void markFailed(String id, Attempt attempt) {
    OutboxItem i = item(id);
    log.error("{} failed for good (attempt {}, {}): {}", i, attempt.number(), attempt.outcome(),
        attempt.detail());
    store.delete(id);
  }

  @Override
  public OutboxHealth health(Instant now, int stuckAfterAttempts) {
    int pending = 0;
    int stuck = 0;
    Instant oldest = null;
    try (KeyValueIterator<String, String> it = store.all()) {
      while (it.hasNext()) {
        OutboxItem i = OutboxItemCodec.decode(it.next().value);
        pending++;
        if (i.attempts() >= stuckAfterAttempts) {
          stuck++;
        }
        if (oldest == null || i.createdAt().isBefore(oldest)) {
          oldest = i.createdAt();
        }
      }
    }
    Duration age = oldest == null || oldest.isAfter(now) ? Duration.ZERO
        : Duration.between(oldest, now);
    return new OutboxHealth(pending, 0, stuck, oldest, age);
  }

  private OutboxItem item(String id) {
    String v = store.get(id);
    if (v == null) {
      throw new IllegalArgumentException("no outbox item " + id);
    }
    return OutboxItemCodec.decode(v);
  }
}
