/**
 * The deterministic engine: log event to metric filters to metric store to alarm evaluation, driven by
 * an injected clock. The same engine serves test-pattern, backtest, the live service and replays.
 */
@NullMarked
package io.mcpwatch.engine;

import org.jspecify.annotations.NullMarked;
