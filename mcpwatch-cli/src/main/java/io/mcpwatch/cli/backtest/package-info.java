/**
 * {@code mcpwatch backtest}: replays events in event time through the engine. Start at {@link
 * io.mcpwatch.cli.backtest.Replay#run}; {@link io.mcpwatch.cli.backtest.BacktestReport} prints the
 * result.
 */
@NullMarked
package io.mcpwatch.cli.backtest;

import org.jspecify.annotations.NullMarked;
