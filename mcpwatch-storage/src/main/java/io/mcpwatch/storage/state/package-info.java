/**
 * The service's state in the database: engine state, source checkpoints and the outbox items of a
 * batch, committed atomically, and the status view of it.
 *
 * <p>Start here: {@link io.mcpwatch.storage.state.StateStore} — {@code load()} once on start
 * ({@link io.mcpwatch.storage.state.SavedState} restores the engine and the tailers), then {@code
 * commit(StateCommit)} after every processed batch. {@link io.mcpwatch.storage.state.StatusReader}
 * reads what {@code mcpwatch status} shows; {@link io.mcpwatch.storage.state.ServiceRun} is where
 * the running service recorded its pid and listen address (for {@code status} and {@code
 * subscriptions confirm/remove}).
 */
@NullMarked
package io.mcpwatch.storage.state;

import org.jspecify.annotations.NullMarked;
