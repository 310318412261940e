package io.mcpwatch.live;

/**
 * How far a file source is: what its tailer did since the source started, and how many bytes of
 * its files are not read yet.
 *
 * @param lagBytes bytes between each tracked file's read position and its current size, summed
 *     (files renamed away or replaced at their path are not counted)
 * @param files files tracked now
 * @param rotations files renamed away or deleted while tracked
 * @param truncations files that shrank or were replaced (copytruncate)
 * @param readErrors I/O errors while reading
 * @param checkpointsLost restored checkpoints whose file was not found again
 */
record SourceProgress(
    long lagBytes, int files, long rotations, long truncations, long readErrors,
    long checkpointsLost) {}
