package io.mcpwatch.readmodel;

import io.mcpwatch.alarm.HistoryItem;
import java.util.List;
import java.util.Objects;

/**
 * One history item with the notifications it sent.
 *
 * @param item the DescribeAlarmHistory item
 * @param deliveries for a StateUpdate, the notifications planned for that transition (one per
 *     subscription), oldest first; empty for other items
 */
public record HistoryEntry(HistoryItem item, List<Delivery> deliveries) {
  public HistoryEntry {
    Objects.requireNonNull(item, "item");
    deliveries = List.copyOf(deliveries);
  }
}
