/**
 * Replaying history through the engine ({@code mcpwatch backtest}; the reference the live and
 * streams runtimes are tested against): events in event time on a virtual clock. Start at {@link
 * io.mcpwatch.replay.Replay#run}; {@link io.mcpwatch.replay.BacktestReport} prints the
 * result and {@link io.mcpwatch.replay.Expectations} checks it against a file of expected
 * transitions ({@code backtest --expect}, for CI). The engine options come from {@code
 * LoadedConfig.engineOptions}, as for the live service.
 */
@NullMarked
package io.mcpwatch.replay;

import org.jspecify.annotations.NullMarked;
