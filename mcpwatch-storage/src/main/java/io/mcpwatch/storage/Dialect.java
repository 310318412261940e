package io.mcpwatch.storage;

/** The two supported databases. */
public enum Dialect {
  /** An embedded file, the default: {@code jdbc:sqlite:<path>}. */
  SQLITE,
  /** A shared server: {@code jdbc:postgresql://host:port/database}. */
  POSTGRESQL
}
