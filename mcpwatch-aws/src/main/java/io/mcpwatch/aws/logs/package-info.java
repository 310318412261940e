/**
 * CloudWatch Logs' meaning, without the wire. Start at {@link io.mcpwatch.aws.logs.LogsService}:
 * one method per operation, listed by {@code operations()}. Log groups come from a {@link
 * io.mcpwatch.aws.logs.LogGroupDirectory}; accepted events go to the HTTP ingest's {@link
 * io.mcpwatch.server.ingest.EventSink}; a retried batch is recognised by its digest ({@code
 * RetryLedger}) and counted once.
 */
@NullMarked
package io.mcpwatch.aws.logs;

import org.jspecify.annotations.NullMarked;
