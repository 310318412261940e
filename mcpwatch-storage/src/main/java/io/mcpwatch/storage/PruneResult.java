package io.mcpwatch.storage;

/**
 * What one {@link Database#prune} deleted.
 *
 * @param historyItems alarm history items
 * @param buckets metric buckets outside every evaluation range
 * @param outboxItems delivered or failed outbox items
 */
public record PruneResult(int historyItems, int buckets, int outboxItems) {}
