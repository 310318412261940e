/**
 * Transport-neutral HTTP pieces shared by the handlers: the {@link io.mcpwatch.server.web.Answer} a
 * handler returns, the constant-time {@link io.mcpwatch.server.web.BearerToken} check, query
 * parameter access ({@link io.mcpwatch.server.web.Query}) and HTML/XML escaping ({@link
 * io.mcpwatch.server.web.Escape}).
 *
 * <p>Start here: {@link io.mcpwatch.server.web.Answer}. Nothing in this package knows Javalin or
 * Jetty; the thin adapter in {@code io.mcpwatch.server} copies an {@code Answer} onto the response.
 */
@NullMarked
package io.mcpwatch.server.web;

import org.jspecify.annotations.NullMarked;
