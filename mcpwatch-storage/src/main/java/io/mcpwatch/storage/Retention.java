package io.mcpwatch.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * How long pruning keeps what no longer belongs to the live state. Live state (the current alarm
 * states, the buckets inside the evaluation ranges, pending outbox items, subscriptions and
 * checkpoints) is never pruned.
 *
 * @param history alarm history items (CloudWatch keeps 2 weeks, also for deleted alarms)
 * @param aggregates metric buckets that left the evaluation ranges (CloudWatch keeps 1-minute data
 *     for 15 days)
 * @param outbox delivered and failed outbox items with their attempts
 */
public record Retention(Duration history, Duration aggregates, Duration outbox) {

  public Retention {
    positive(history, "history");
    positive(aggregates, "aggregates");
    positive(outbox, "outbox");
  }

  /** 14 days of history, 15 days of aggregates, 14 days of finished outbox items. */
  public static Retention defaults() {
    return new Retention(Duration.ofDays(14), Duration.ofDays(15), Duration.ofDays(14));
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("retention." + name + " must be positive; found " + d);
    }
  }
}
