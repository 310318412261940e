/**
 * Durable state for the live service: an embedded SQLite file by default, PostgreSQL for a shared
 * server, one Flyway schema for both.
 *
 * <p>Start here: {@link io.mcpwatch.storage.Database#open} (the service) or {@link
 * io.mcpwatch.storage.Database#openReadOnly} (the {@code status} command) with a {@link
 * io.mcpwatch.storage.DatabaseConfig}. The run loop commits through {@link
 * io.mcpwatch.storage.state.StateStore}; notifications use {@link
 * io.mcpwatch.storage.notify.JdbcOutbox} and {@link
 * io.mcpwatch.storage.notify.JdbcSubscriptionStore}; {@link
 * io.mcpwatch.storage.status.StatusReader} answers {@code mcpwatch status}.
 */
@NullMarked
package io.mcpwatch.storage;

import org.jspecify.annotations.NullMarked;
