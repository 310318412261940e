package io.mcpwatch.engine;

import io.mcpwatch.metrics.DefaultValueMode;
import java.util.Objects;

/**
 * Engine switches; {@link #defaults()} follows spec section 7.
 *
 * @param earlyFiring transition to ALARM between boundaries when the next evaluation is certain to
 *     be ALARM (CLI {@code --no-early} turns it off)
 * @param extraRangeDatapoints the evaluation range is N plus this many datapoints (spec 7 #6: 2)
 * @param defaultValueMode how a filter's defaultValue is published (spec 7 #5: per event)
 * @param retainAll keep every bucket, PER_MINUTE flag and history item for the engine's lifetime
 *     (replays and backtests); otherwise only what the evaluation ranges need, and 14 days of
 *     history
 * @param history record each alarm's history (DescribeAlarmHistory, snapshots); a caller that never
 *     reads it (a backtest) turns it off to save building an item per transition, and {@link
 *     Engine#history} is then empty
 */
public record EngineOptions(
    boolean earlyFiring,
    int extraRangeDatapoints,
    DefaultValueMode defaultValueMode,
    boolean retainAll,
    boolean history) {

  public EngineOptions {
    Objects.requireNonNull(defaultValueMode, "defaultValueMode");
    if (extraRangeDatapoints < 0 || extraRangeDatapoints > 100) {
      throw new IllegalArgumentException(
          "extraRangeDatapoints must be between 0 and 100; found " + extraRangeDatapoints);
    }
  }

  /** With history recorded. */
  public EngineOptions(
      boolean earlyFiring,
      int extraRangeDatapoints,
      DefaultValueMode defaultValueMode,
      boolean retainAll) {
    this(earlyFiring, extraRangeDatapoints, defaultValueMode, retainAll, true);
  }

  /**
   * Early firing on, range N + 2, one default per non-matching event, bounded retention, history
   * recorded.
   */
  public static EngineOptions defaults() {
    return new EngineOptions(true, 2, DefaultValueMode.PER_EVENT, false, true);
  }

  public EngineOptions withEarlyFiring(boolean on) {
    return new EngineOptions(on, extraRangeDatapoints, defaultValueMode, retainAll, history);
  }

  public EngineOptions withExtraRangeDatapoints(int extra) {
    return new EngineOptions(earlyFiring, extra, defaultValueMode, retainAll, history);
  }

  public EngineOptions withDefaultValueMode(DefaultValueMode mode) {
    return new EngineOptions(earlyFiring, extraRangeDatapoints, mode, retainAll, history);
  }

  public EngineOptions withRetainAll(boolean all) {
    return new EngineOptions(earlyFiring, extraRangeDatapoints, defaultValueMode, all, history);
  }

  public EngineOptions withHistory(boolean on) {
    return new EngineOptions(earlyFiring, extraRangeDatapoints, defaultValueMode, retainAll, on);
  }
}
