package io.mcpwatch.source.tail;

import java.util.List;

/**
 * What one {@link FileTailer#poll()} (or {@link StreamSource#read()}) returned.
 *
 * <p>Commit {@link #lines()}' effects and {@link #checkpoints()} in one transaction: the
 * checkpoints are exactly the positions after these lines (and after every earlier batch). The
 * checkpoint list is complete, one entry per tracked file; replace the stored set with it.
 *
 * @param lines complete lines in read order (per file in file order; a rotated file's remaining
 *     lines come before its successor's)
 * @param checkpoints the positions of all tracked files after {@code lines}
 * @param checkpointsChanged false if {@code checkpoints} equals the previous batch's
 * @param hasMore true if the read budget ran out: poll again without waiting
 * @param notices human-readable reports of rotations, truncations, lost checkpoints and read
 *     errors, for the caller's log
 * @param gaps possible gaps found in this poll, one reason each (each also among {@code
 *     notices}): lines may have been missed, e.g. generations rotated while mcpwatch was stopped
 *     that could not be followed (compressed, copytruncate, not found). Add them to the source's
 *     {@link PossibleGaps} and commit those with the checkpoints.
 */
public record TailBatch(
    List<TailLine> lines,
    List<FileCheckpoint> checkpoints,
    boolean checkpointsChanged,
    boolean hasMore,
    List<String> notices,
    List<String> gaps) {
  public TailBatch {
    lines = List.copyOf(lines);
    checkpoints = List.copyOf(checkpoints);
    notices = List.copyOf(notices);
    gaps = List.copyOf(gaps);
  }

  /** True if there is nothing to commit or log: no lines, same checkpoints, no notices. */
  public boolean isEmpty() {
    return lines.isEmpty() && !checkpointsChanged && notices.isEmpty();
  }
}
