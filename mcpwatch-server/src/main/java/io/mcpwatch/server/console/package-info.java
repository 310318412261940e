/**
 * The web console: overview of every alarm, one page per alarm with its chart and history, and the
 * test-pattern page. Start here: {@link io.mcpwatch.server.console.Console}, fed by an {@link
 * io.mcpwatch.readmodel.ReadModel} the service supplies; {@code HttpServer} routes to it, checks
 * the secret off loopback and streams the read model's version as server-sent events.
 */
@NullMarked
package io.mcpwatch.server.console;

import org.jspecify.annotations.NullMarked;
