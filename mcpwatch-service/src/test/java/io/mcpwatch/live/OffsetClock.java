package io.mcpwatch.live;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock plus an offset a test moves forward, to end an alarm's period at a moment the
 * test chooses instead of waiting for it (and never before).
 */
final class OffsetClock implements InstantSource {
  private final AtomicLong offsetMillis = new AtomicLong();

  @Override
  public long millis() {
    return InstantSource.system().millis() + offsetMillis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  void advance(Duration d) {
    offsetMillis.addAndGet(d.toMillis());
  }
}
