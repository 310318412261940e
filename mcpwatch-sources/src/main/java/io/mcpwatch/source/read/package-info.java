/**
 * Decoding log inputs into {@link io.mcpwatch.engine.LogEvent}s. Start here: {@link
 * io.mcpwatch.source.read.EventReaders#open(java.nio.file.Path, ReadOptions)} reads a file (JSON
 * lines, {@code aws logs} output including {@code get-query-results}, CloudWatch exports to S3, the
 * Logs Insights console CSV (parsed by FastCSV), Docker json-file logs or plain text; gzip is
 * transparent; ANSI colours stripped on request; made-up times for text without any) and
 * {@link io.mcpwatch.source.read.LineDecoder} decodes one line at a time for the live tailer.
 * {@link io.mcpwatch.source.read.EventReaders#inTimeOrder} puts inputs in event-time order, and
 * {@link io.mcpwatch.source.read.EventReaders#parts} splits its files into line-aligned {@link
 * io.mcpwatch.source.read.InputPart}s for a replay on several threads.
 *
 * <p>Hostile input never throws: malformed, oversized and timestamp-less lines are counted in
 * {@link io.mcpwatch.source.read.ReaderStats}; only real I/O failures surface as {@code
 * IOException}.
 */
@NullMarked
package io.mcpwatch.source.read;

import org.jspecify.annotations.NullMarked;
