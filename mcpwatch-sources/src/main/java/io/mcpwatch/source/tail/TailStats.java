package io.mcpwatch.source.tail;

/**
 * Running totals of a {@link FileTailer} since it was created (not persisted).
 *
 * @param lines lines returned
 * @param bytes bytes read from files
 * @param truncatedLines lines longer than the maximum, cut
 * @param unterminatedLines last lines without newline returned when their file closed or was
 *     truncated
 * @param rotations files renamed away or deleted while tracked
 * @param truncations files that shrank or whose first bytes changed (copytruncate)
 * @param copiesFollowed truncations whose unread rest was found and read in a copy
 * @param filesOpened files opened
 * @param filesClosed files closed after rotation
 * @param checkpointsLost restored checkpoints whose file could not be found (lines may be lost)
 * @param readErrors I/O errors while reading (the file is retried or dropped)
 * @param possibleGaps possible gaps found (see {@link TailBatch#gaps()})
 */
public record TailStats(
    long lines,
    long bytes,
    long truncatedLines,
    long unterminatedLines,
    long rotations,
    long truncations,
    long copiesFollowed,
    long filesOpened,
    long filesClosed,
    long checkpointsLost,
    long readErrors,
    long possibleGaps) {}
