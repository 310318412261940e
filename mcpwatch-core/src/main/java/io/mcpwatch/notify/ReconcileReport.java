package io.mcpwatch.notify;

import java.util.List;

/**
 * What {@link SubscriptionManager#reconcile} did.
 *
 * @param added new subscriptions (pending, or confirmed for chat webhooks)
 * @param removed deleted subscriptions
 * @param confirmationsQueued confirmation requests written to the outbox
 */
public record ReconcileReport(
    List<Subscription> added, List<Subscription> removed, int confirmationsQueued) {
  public ReconcileReport {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }
}
