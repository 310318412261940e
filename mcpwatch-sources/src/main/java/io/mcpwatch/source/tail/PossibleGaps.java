package io.mcpwatch.source.tail;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The possible gaps of one file source so far: how many times lines may have been missed (a
 * generation rotated away while mcpwatch was stopped that could not be followed: compressed,
 * deleted, copied by copytruncate more than once, or not orderable), when the last one was found
 * and why. Kept with the source's checkpoints, so it survives restarts; a value, never reset.
 *
 * @param count possible gaps found so far
 * @param lastAt when the last one was found; null when there was none
 * @param lastReason what the last one was (one line, for humans); null when there was none
 */
public record PossibleGaps(long count, @Nullable Instant lastAt, @Nullable String lastReason) {
  /** No possible gap. */
  public static final PossibleGaps NONE = new PossibleGaps(0, null, null);

  public PossibleGaps {
    if (count < 0) {
      throw new IllegalArgumentException("possible gap count must be >= 0, got " + count);
    }
    if ((count == 0) != (lastAt == null) || (lastAt == null) != (lastReason == null)) {
      throw new IllegalArgumentException(
          "possible gaps: count, lastAt and lastReason must be all set or all empty");
    }
  }

  /** True if no possible gap was found. */
  public boolean isEmpty() {
    return count == 0;
  }

  /** These gaps plus one found at {@code at} for {@code reason}. */
  public PossibleGaps plus(Instant at, String reason) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
    return new PossibleGaps(count + 1, at, reason);
  }
}
