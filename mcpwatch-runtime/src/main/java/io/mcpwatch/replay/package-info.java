/**
 * Replaying history through the engine ({@code mcpwatch backtest}; the reference the live and
 * streams runtimes are tested against): events in event time on a virtual clock. Start at {@link
 * io.mcpwatch.replay.Replay#run}; {@link io.mcpwatch.replay.BacktestReport} prints the
 * result and {@link io.mcpwatch.replay.Expectations} checks it against a file of expected
 * transitions ({@code backtest --expect}, for CI). The engine options come from {@code
 * LoadedConfig.engineOptions}, as for the live service.
 * With two CPUs or more, files are split into parts read and matched on every CPU and merged
 * in time order ({@code PartedReplay}), or else a second thread matches the messages of the next
 * batch while this one decodes and ingests (same result as one thread either way).
 */
@NullMarked
package io.mcpwatch.replay;

import org.jspecify.annotations.NullMarked;
