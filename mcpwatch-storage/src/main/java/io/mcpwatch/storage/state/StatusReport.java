package io.mcpwatch.storage.state;

import io.mcpwatch.notify.OutboxHealth;
import io.mcpwatch.notify.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code mcpwatch status} shows, read in one transaction (so from one commit).
 *
 * @param commitNumber the last commit's number, or 0 when nothing was committed yet
 * @param committedAt when it was made, or null
 * @param nextBoundary the next evaluation boundary of the committed engine, or null
 * @param alarms configured alarms, in configuration order
 * @param removed alarms removed from the configuration whose history is still kept
 * @param checkpoints every source's checkpoint, by key
 * @param outbox pending, failed and stuck notifications
 * @param subscriptions every subscription, in creation order
 * @param undelivered the newest failed and stuck notifications with their causes (at most {@link
 *     StatusReader#UNDELIVERED_LIMIT}), newest first
 */
public record StatusReport(
    long commitNumber,
    @Nullable Instant committedAt,
    @Nullable Instant nextBoundary,
    List<AlarmView> alarms,
    List<RemovedAlarm> removed,
    List<CheckpointView> checkpoints,
    OutboxHealth outbox,
    List<Subscription> subscriptions,
    List<Undelivered> undelivered) {

  public StatusReport {
    alarms = List.copyOf(alarms);
    removed = List.copyOf(removed);
    checkpoints = List.copyOf(checkpoints);
    Objects.requireNonNull(outbox, "outbox");
    subscriptions = List.copyOf(subscriptions);
    undelivered = List.copyOf(undelivered);
  }
}
