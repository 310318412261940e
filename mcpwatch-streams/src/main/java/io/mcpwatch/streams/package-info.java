/**
 * The scale-out runtime: the core {@link io.mcpwatch.engine.Engine} inside a Kafka Streams
 * topology. Start at {@link io.mcpwatch.streams.StreamsTopology#build}: input topics are decoded
 * ({@code InputDecoder}: mcpwatch, Vector and Fluent Bit JSON, or text keyed by log group),
 * repartitioned by log group, and each task runs one engine per log group ({@code
 * EngineProcessor}) whose snapshot lives in the changelogged {@code engines} store (key: log
 * group); transitions go to a topic under {@code exactly_once_v2}, keyed by environment and alarm
 * name, each with a stable id. With notifications ({@code StreamsMain run}), a second
 * sub-topology reads the transitions topic ({@code NotifyProcessor}): deduplicates by transition id,
 * plans outbox items with the core planner into a changelogged store ({@code StoreOutbox}) and
 * runs the core dispatcher with the mcpwatch-notify transports on a wall-clock punctuator ({@code
 * Notifications} wires them from the configuration). {@code StreamsMain} is the jar's command line
 * ({@code run}, {@code status}).
 */
@NullMarked
package io.mcpwatch.streams;

import org.jspecify.annotations.NullMarked;
