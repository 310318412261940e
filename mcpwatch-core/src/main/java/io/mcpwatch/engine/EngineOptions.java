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
 * @param notifyInitialOk give each alarm's first transition INSUFFICIENT_DATA -> OK after its
 *     creation its OK actions (true, CloudWatch's behaviour); false gives that one transition no
 *     actions, so a fresh start does not send an OK message per alarm (later transitions keep
 *     theirs)
 * @param historyInMemory at most this many history items per alarm stay in memory once a caller
 *     stored them ({@link Engine#committed()}; at least 1: the newest stored item marks where the
 *     next commit starts); {@link #ALL_HISTORY} keeps the whole retained history, as a replay that
 *     stores nothing needs. The live service keeps history in its database and bounds this, so that
 *     the heap does not grow with every transition
 */
public record EngineOptions(
    boolean earlyFiring,
    int extraRangeDatapoints,
    DefaultValueMode defaultValueMode,
    boolean retainAll,
    boolean history,
    boolean notifyInitialOk,
    int historyInMemory) {

  /** {@link #historyInMemory} without a bound: every item of the retained history stays. */
  public static final int ALL_HISTORY = Integer.MAX_VALUE;

  public EngineOptions {
    Objects.requireNonNull(defaultValueMode, "defaultValueMode");
    if (historyInMemory < 1) {
      throw new IllegalArgumentException(
          "historyInMemory must be at least 1; found " + historyInMemory);
    }
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
    this(earlyFiring, extraRangeDatapoints, defaultValueMode, retainAll, true, true, ALL_HISTORY);
  }

  /** With the initial OK notified. */
  public EngineOptions(
      boolean earlyFiring,
      int extraRangeDatapoints,
      DefaultValueMode defaultValueMode,
      boolean retainAll,
      boolean history) {
    this(earlyFiring, extraRangeDatapoints, defaultValueMode, retainAll, history, true, ALL_HISTORY);
  }

  /** With the whole retained history in memory. */
  public EngineOptions(
      boolean earlyFiring,
      int extraRangeDatapoints,
      DefaultValueMode defaultValueMode,
      boolean retainAll,
      boolean history,
      boolean notifyInitialOk) {
    this(earlyFiring, extraRangeDatapoints, defaultValueMode, retainAll, history, notifyInitialOk,
        ALL_HISTORY);
  }

  /**
   * Early firing on, range N + 2, one default per non-matching event, bounded retention, history
   * recorded.
   */
  public static EngineOptions defaults() {
    return new EngineOptions(true, 2, DefaultValueMode.PER_EVENT, false, true, true, ALL_HISTORY);
  }

  public EngineOptions withEarlyFiring(boolean on) {
    return new EngineOptions(on, extraRangeDatapoints, defaultValueMode, retainAll, history, notifyInitialOk,
        historyInMemory);
  }

  public EngineOptions withExtraRangeDatapoints(int extra) {
    return new EngineOptions(earlyFiring, extra, defaultValueMode, retainAll, history, notifyInitialOk,
        historyInMemory);
  }

  public EngineOptions withDefaultValueMode(DefaultValueMode mode) {
    return new EngineOptions(earlyFiring, extraRangeDatapoints, mode, retainAll, history, notifyInitialOk,
        historyInMemory);
  }

  public EngineOptions withRetainAll(boolean all) {
    return new EngineOptions(earlyFiring, extraRangeDatapoints, defaultValueMode, all, history, notifyInitialOk,
        historyInMemory);
  }

  public EngineOptions withHistory(boolean on) {
    return new EngineOptions(earlyFiring, extraRangeDatapoints, defaultValueMode, retainAll, on, notifyInitialOk,
        historyInMemory);
  }

  public EngineOptions withNotifyInitialOk(boolean on) {
    return new EngineOptions(
        earlyFiring, extraRangeDatapoints, defaultValueMode, retainAll, history, on,
        historyInMemory);
  }

  /** With at most {@code items} stored history items per alarm in memory (see the record). */
  public EngineOptions withHistoryInMemory(int items) {
    return new EngineOptions(earlyFiring, extraRangeDatapoints, defaultValueMode, retainAll, history,
        notifyInitialOk, items);
  }
}
