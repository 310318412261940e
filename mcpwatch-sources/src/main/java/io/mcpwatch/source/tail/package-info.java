/**
 * Tailing log files that survive rotation and restarts, with exact checkpoints.
 *
 * <p>Start here: {@link io.mcpwatch.source.tail.FileTailer} follows the files matched by globs and
 * returns {@link io.mcpwatch.source.tail.TailBatch}es of complete lines plus the {@link
 * io.mcpwatch.source.tail.FileCheckpoint}s valid after them; the caller commits both atomically and
 * hands the checkpoints back to {@link io.mcpwatch.source.tail.FileTailer#resume} after a restart,
 * which also reads the generations rotated away meanwhile (logrotate's names, next to the live
 * file) and reports what it cannot follow as possible gaps ({@link
 * io.mcpwatch.source.tail.TailBatch#gaps()}, summed per source in {@link
 * io.mcpwatch.source.tail.PossibleGaps}).
 * {@link io.mcpwatch.source.tail.StreamSource} reads a pipe (stdin) into the same {@link
 * io.mcpwatch.source.tail.TailLine} type. Lines are raw bytes: decoding (UTF-8, JSON, Docker
 * json-file) is the job of the readers in {@code io.mcpwatch.source.read}.
 */
@NullMarked
package io.mcpwatch.source.tail;

import org.jspecify.annotations.NullMarked;
