package io.mcpwatch.storage;

/**
 * What a committed SQLite transaction survives. Both keep every commit across a crash or {@code
 * kill -9} of the process (WAL mode: the commit is in the operating system's page cache before
 * {@code commit} returns). PostgreSQL ignores this setting (its server is always durable).
 */
public enum Durability {
  /**
   * {@code synchronous=FULL}: the write-ahead log is flushed to disk at every commit, so commits
   * also survive a power loss or an operating-system crash. One fsync per commit. The default.
   */
  POWER_LOSS,
  /**
   * {@code synchronous=NORMAL}: no fsync per commit; a power loss may roll back the last commits
   * (the database stays consistent, and checkpoints roll back with the aggregates they produced).
   */
  PROCESS_CRASH
}
