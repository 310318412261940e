package io.mcpwatch.notify;

import java.util.List;

/**
 * What one alarm state change publishes: the outbox items to enqueue and the history items to
 * record, both in the same transaction as the state change.
 *
 * @param items one per confirmed subscription of each action's topic
 * @param history Action items for actions that reach nobody (unknown topic, no confirmed
 *     subscription); deliveries report theirs later through the dispatcher
 */
public record Plan(List<OutboxItem> items, List<ActionHistoryItem> history) {
  public Plan {
    items = List.copyOf(items);
    history = List.copyOf(history);
  }
}
