package io.mcpwatch.live;

import java.time.Instant;
import java.time.InstantSource;

/**
 * A clock that starts at the real time and runs {@code speed} times faster ({@code demo --fast}):
 * the engine, the sources and the simulator all use it, so five-minute periods pass in thirty
 * seconds at 10x and everything stays consistent.
 */
public final class ScaledClock implements InstantSource {
  private final long startMillis;
  private final long startNanos;
  private final double speed;

  public ScaledClock(double speed) {
    this.startMillis = InstantSource.system().millis();
    this.startNanos = System.nanoTime();
    this.speed = speed;
  }

  @Override
  public long millis() {
    return startMillis + (long) ((System.nanoTime() - startNanos) / 1e6 * speed);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }
}
