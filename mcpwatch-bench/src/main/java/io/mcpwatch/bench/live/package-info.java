/**
 * Harnesses that measure the live service ({@code mcpwatch run}) end to end: sustained ingest from a
 * tailed file, append-to-transition latency, resident memory under load and append-to-SMTP latency.
 * Start here: {@code bench/live.sh} runs each one; {@link io.mcpwatch.bench.live.IngestBench} and
 * {@link io.mcpwatch.bench.live.LatencyBench} are the entry points. Results go to standard output
 * as plain text; docs/benchmarks.md records them.
 */
@NullMarked
package io.mcpwatch.bench.live;

import org.jspecify.annotations.NullMarked;
