/**
 * Log ingest over HTTP: {@code POST /v1/logs} with newline-delimited JSON, plain text lines or the
 * CloudWatch Logs PutLogEvents body, and the AWS JSON 1.1 form ({@code POST /} with {@code
 * X-Amz-Target: Logs_20140328.PutLogEvents}).
 *
 * <p>Start here: {@link io.mcpwatch.server.ingest.IngestHandler} turns a request (content type,
 * query, body bytes) into accepted {@link io.mcpwatch.engine.LogEvent}s, which it offers to an
 * {@link io.mcpwatch.server.ingest.EventSink}, and an {@link io.mcpwatch.server.web.Answer}. The
 * limits are {@link io.mcpwatch.server.ingest.IngestLimits}; {@link
 * io.mcpwatch.server.ingest.BoundedBody} reads a request body without ever holding more than the
 * limit. {@link io.mcpwatch.server.ingest.EventQueue} is a ready-made bounded sink for a
 * single-threaded consumer; with a commit wait it answers a request only once the consumer reports
 * its events durable.
 *
 * <p>Per-event problems (a malformed line, an oversized, too old or too new event) reject that
 * event only; the others are accepted and the answer lists what was rejected. Whole-request
 * problems (body, batch or event count over the limit, a structurally broken PutLogEvents body, a
 * missing log group) reject the request with one JSON line {@code {"__type":..,"message":..}}, the
 * error shape of AWS JSON protocols. Malformed UTF-8 is replaced with U+FFFD, never fatal.
 */
@NullMarked
package io.mcpwatch.server.ingest;

import org.jspecify.annotations.NullMarked;
