package io.mcpwatch.server.console;

import java.time.Duration;

/** "5 min", "2 h 10 min", "3 d 4 h": how long an alarm has been in its state. */
final class Durations {
  private Durations() {}

  static String human(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + " s";
    }
    long m = s / 60;
    if (m < 60) {
      return m + " min";
    }
    long h = m / 60;
    if (h < 48) {
      return h + " h " + (m % 60) + " min";
    }
    return (h / 24) + " d " + (h % 24) + " h";
  }
}
