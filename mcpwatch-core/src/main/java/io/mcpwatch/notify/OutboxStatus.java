package io.mcpwatch.notify;

/** Life cycle of an outbox item: PENDING until DELIVERED or FAILED (both final). */
public enum OutboxStatus {
  PENDING,
  DELIVERED,
  FAILED
}
