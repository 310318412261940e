/**
 * The deterministic engine: log event to metric filters to metric series to alarm evaluation,
 * driven by an injected clock. The same engine serves test-pattern, backtest, the live service and
 * replays. Start here: {@link io.mcpwatch.engine.Engine} ({@code create}, {@code ingest}, {@code
 * tick}, {@code statuses}); transitions arrive at an {@link io.mcpwatch.engine.EngineListener} as
 * {@link io.mcpwatch.engine.AlarmTransition}s; {@link io.mcpwatch.engine.EngineSnapshot} persists
 * and restores the state, and {@link io.mcpwatch.engine.EngineChanges} ({@code Engine.changes()})
 * is the part of it that changed since the previous call, for a store that writes only that. A
 * caller that stores history says so ({@code Engine.committed()} after each commit) and may bound
 * the history kept in memory ({@code EngineOptions.historyInMemory}: the live service keeps each
 * alarm's newest stored item; replays keep all of it).
 *
 * <p>Data flow per event: one map lookup by log group gives the distinct filters (routes) of that
 * group; each filter observes the message; a published value goes into the watched series in place;
 * eligible alarms then check early firing. Evaluations run when the clock passes a boundary, before
 * the event that noticed it is routed. A live service may run a boundary in slices ({@code
 * tick(int)}) with events ingested in between; an alarm is then evaluated at the boundary before
 * any sample reaches its series, so the result is that of one undivided boundary.
 *
 * <p>For a parallel replay the matching, which is nearly all of the cost, can run on other threads:
 * an {@link io.mcpwatch.engine.EventMatcher} per thread (its own compiled filters) turns events into
 * {@link io.mcpwatch.engine.Observed}s, and {@code Engine.ingest(Observed)} applies them in the
 * events' order on the engine's thread with exactly the effect of {@code ingest(LogEvent)}.
 */
@NullMarked
package io.mcpwatch.engine;

import org.jspecify.annotations.NullMarked;
