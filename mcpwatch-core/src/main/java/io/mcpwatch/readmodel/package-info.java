/**
 * The one read model behind everything that shows alarms: the web console, the AWS read APIs
 * (DescribeAlarms, DescribeAlarmHistory, GetMetricData), {@code mcpwatch status} and {@code
 * /metrics}. Start here: {@link io.mcpwatch.readmodel.ReadModel}.
 *
 * <p>This package is only the contract: an interface and its record types, no I/O. The live
 * service implements it from its database (a read-only connection, so a page view never holds the
 * engine's commits up) with a cache that is rebuilt at most once per commit; a test or a backtest
 * can implement it in memory.
 *
 * <h2>What each call answers</h2>
 *
 * <ul>
 *   <li>{@link io.mcpwatch.readmodel.ReadModel#alarms} — every configured alarm with its definition
 *       ({@link io.mcpwatch.alarm.AlarmSpec} plus log group and filter pattern), state, reason and
 *       time in state, filtered by environment, app, state and a case-insensitive substring of the
 *       name, sorted ALARM first (then INSUFFICIENT_DATA, then OK; by name within a state) and
 *       paged server-side ({@link io.mcpwatch.readmodel.AlarmQuery}). The page also carries the
 *       counts per state of the matching alarms and the known environments and apps, for filters.
 *   <li>{@link io.mcpwatch.readmodel.ReadModel#alarm} — one alarm by name (and environment when
 *       names repeat across environments).
 *   <li>{@link io.mcpwatch.readmodel.ReadModel#history} — DescribeAlarmHistory items newest first,
 *       each StateUpdate with the notifications it sent ({@link io.mcpwatch.readmodel.Delivery}:
 *       protocol, endpoint, status, attempts, last error). Action items (what the dispatcher
 *       recorded) are history items of their own.
 *   <li>{@link io.mcpwatch.readmodel.ReadModel#datapoints} — the stored minute aggregates (Sum,
 *       SampleCount, Min, Max) of one metric in {@code [from, to)}, oldest first, minutes without
 *       samples left out (as GetMetricData). History is kept as long as {@code
 *       storage.retention.aggregates} (15 days by default, as CloudWatch keeps 1-minute data).
 *   <li>{@link io.mcpwatch.readmodel.ReadModel#triggerLines} — the last log lines that matched the
 *       alarm's filter (kept in memory by the live service; empty after a restart until new
 *       matches arrive).
 *   <li>{@link io.mcpwatch.readmodel.ReadModel#version} — grows with every commit the model has
 *       seen; a client that polls or listens to server-sent events re-reads when it changes.
 * </ul>
 *
 * <p>Implementations are thread-safe; every call may throw an unchecked exception when the store
 * cannot be read (callers answer 503).
 */
@NullMarked
package io.mcpwatch.readmodel;

import org.jspecify.annotations.NullMarked;
