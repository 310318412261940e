package io.mcpwatch.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock tests move by hand. */
final class ManualClock implements InstantSource {
  private long millis;

  ManualClock(Instant start) {
    this.millis = start.toEpochMilli();
  }

  static ManualClock at(String iso) {
    return new ManualClock(Instant.parse(iso));
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public long millis() {
    return millis;
  }

  void set(Instant t) {
    millis = t.toEpochMilli();
  }

  void set(String iso) {
    set(Instant.parse(iso));
  }

  void setMillis(long t) {
    millis = t;
  }

  void advance(Duration d) {
    millis += d.toMillis();
  }
}
