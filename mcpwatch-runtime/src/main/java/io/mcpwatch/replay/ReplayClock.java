package io.mcpwatch.replay;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The virtual clock of a replay: set to each event's time, so the engine evaluates every boundary
 * exactly as a live run would have. Never goes backwards (an older event is a late arrival). The
 * streams runtime's event-clock mode moves one per log group the same way.
 */
public final class ReplayClock implements InstantSource {
  private long millis;

  public ReplayClock(long startMillis) {
    this.millis = startMillis;
  }

  /** Moves the clock forward to {@code t}; an earlier {@code t} leaves it where it is. */
  public void advanceTo(long t) {
    if (t > millis) {
      millis = t;
    }
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }
}
