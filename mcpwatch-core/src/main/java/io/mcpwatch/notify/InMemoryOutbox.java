package io.mcpwatch.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link Outbox} in memory (tests, demos without a database). Thread-safe. */
public final class InMemoryOutbox implements Outbox {
  private final Map<String, OutboxItem> items = new LinkedHashMap<>();
  private final Map<String, List<Attempt>> attempts = new LinkedHashMap<>();

  @Override
  public synchronized void enqueue(List<OutboxItem> newItems) {
    for (OutboxItem i : newItems) {
      items.putIfAbsent(i.id(), i);
    }
  }

  @Override
  public synchronized List<OutboxItem> due(Instant now, int limit) {
    return items.values().stream()
        .filter(i -> i.status() == OutboxStatus.PENDING && !i.nextAttemptAt().isAfter(now))
        .sorted(Comparator.comparing(OutboxItem::nextAttemptAt)
            .thenComparing(OutboxItem::createdAt))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized void markAttempt(String id, Attempt attempt, Instant nextAttemptAt) {
    update(id, attempt, OutboxStatus.PENDING, nextAttemptAt);
  }

  @Override
  public synchronized void markDelivered(String id, Attempt attempt) {
    update(id, attempt, OutboxStatus.DELIVERED, attempt.at());
  }

  @Override
  public synchronized void markFailed(String id, Attempt attempt) {
    update(id, attempt, OutboxStatus.FAILED, attempt.at());
  }

  @Override
  public synchronized OutboxHealth health(Instant now, int stuckAfterAttempts) {
    int pending = 0;
    int failed = 0;
    int stuck = 0;
    Instant oldest = null;
    for (OutboxItem i : items.values()) {
      if (i.status() == OutboxStatus.FAILED) {
        failed++;
      } else if (i.status() == OutboxStatus.PENDING) {
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
    return new OutboxHealth(pending, failed, stuck, oldest, age);
  }

  /** Every item, in enqueue order (for tests and status pages). */
  public synchronized List<OutboxItem> items() {
    return List.copyOf(items.values());
  }

  /** The item with this id. */
  public synchronized Optional<OutboxItem> item(String id) {
    return Optional.ofNullable(items.get(id));
  }

  /** The recorded attempts of one item, in order. */
  public synchronized List<Attempt> attempts(String id) {
    return List.copyOf(attempts.getOrDefault(id, List.of()));
  }

  private void update(String id, Attempt attempt, OutboxStatus status, Instant next) {
    OutboxItem i = items.get(id);
    if (i == null) {
      throw new IllegalArgumentException("no outbox item " + id);
    }
    if (i.status() != OutboxStatus.PENDING) {
      throw new IllegalStateException("outbox item " + id + " is already " + i.status());
    }
    items.put(id, i.after(attempt, status, next));
    attempts.computeIfAbsent(id, k -> new ArrayList<>()).add(attempt);
  }
}
