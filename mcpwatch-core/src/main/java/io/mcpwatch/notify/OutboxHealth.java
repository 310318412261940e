package io.mcpwatch.notify;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What is stuck in the outbox, for the status page and metrics.
 *
 * @param pending items not yet delivered or failed
 * @param failed items that failed for good
 * @param stuck pending items that already had at least the configured number of attempts
 * @param oldestPendingCreatedAt creation time of the oldest pending item, or null
 * @param oldestPendingAge its age at the time of the query ({@link Duration#ZERO} when none)
 */
public record OutboxHealth(
    int pending,
    int failed,
    int stuck,
    @Nullable Instant oldestPendingCreatedAt,
    Duration oldestPendingAge) {}
