/**
 * mcpwatch's HTTP side of the live service: log ingest, the subscription pages behind the links in
 * notifications, the signing certificate, the web console ({@code /alarms/}, {@code /console/...};
 * {@link io.mcpwatch.server.console.Console}), the {@code status} text pages, {@code /healthz},
 * and {@code /metrics} with the text the service supplies (counting requests through a
 * {@link io.mcpwatch.server.RequestObserver}), on Javalin (Jetty).
 *
 * <p>Start here: {@link io.mcpwatch.server.HttpServer#builder(ServerSettings)}. The Javalin layer
 * in {@link io.mcpwatch.server.HttpServer} is thin: it checks the token, reads the body within the
 * limits and hands plain values to {@link io.mcpwatch.server.ingest.IngestHandler}, {@link
 * io.mcpwatch.server.subscribe.SubscriptionPages}, {@link io.mcpwatch.server.status.AlarmPages}
 * and {@link io.mcpwatch.server.Health}, which return {@link io.mcpwatch.server.web.Answer}s.
 * The AWS endpoints (mcpwatch-aws) are mounted through {@code Builder.aws} and then own {@code POST
 * /}.
 */
@NullMarked
package io.mcpwatch.server;

import org.jspecify.annotations.NullMarked;
