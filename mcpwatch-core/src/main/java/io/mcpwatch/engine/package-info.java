/**
 * The deterministic engine: log event to metric filters to metric series to alarm evaluation,
 * driven by an injected clock. The same engine serves test-pattern, backtest, the live service and
 * replays. Start here: {@link io.mcpwatch.engine.Engine} ({@code create}, {@code ingest}, {@code
 * tick}, {@code statuses}); transitions arrive at an {@link io.mcpwatch.engine.EngineListener} as
 * {@link io.mcpwatch.engine.AlarmTransition}s; {@link io.mcpwatch.engine.EngineSnapshot} persists
 * and restores the state.
 *
 * <p>Data flow per event: one map lookup by log group gives the distinct filters (routes) of that
 * group; each filter observes the message; a published value goes into the watched series in place;
 * eligible alarms then check early firing. Evaluations run when the clock passes a boundary, before
 * the event that noticed it is routed.
 */
@NullMarked
package io.mcpwatch.engine;

import org.jspecify.annotations.NullMarked;
