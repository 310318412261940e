package io.mcpwatch.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done with the database's connection inside {@link Database#transaction} or {@link
 * Database#read}. It must not commit, roll back or close the connection.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface SqlFunction<T> {
  T apply(Connection connection) throws SQLException;
}
