package io.mcpwatch.engine;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.alarm.StateReasons;
import io.mcpwatch.config.ResolvedAlarm;
import java.util.ArrayDeque;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The mutable state of one alarm inside the engine. */
final class AlarmRuntime {
  final ResolvedAlarm alarm;
  final AlarmSpec spec;
  final SeriesState series;
  final Route route;
  final long periodMillis;
  /** 10 s for high-resolution periods, 60 s otherwise. */
  final long stepMillis;
  /** Evaluation range size E = N + extra. */
  final int rangeSize;
  /** The first boundary at which this alarm is evaluated. */
  long firstBoundary;
  boolean earlyEligible;

  AlarmState state = AlarmState.INSUFFICIENT_DATA;
  String reason = StateReasons.INITIAL;
  @Nullable String reasonData;
  long transitionedMillis;
  long lastEvaluated = Long.MIN_VALUE;
  /**
   * The state an evaluation of a range without any datapoint left this alarm in, or null. Such an
   * evaluation depends only on the spec and the state, so while the range stays empty and the state
   * is this one, the next evaluations decide the same (the engine skips them).
   */
  @Nullable AlarmState idleIn;
  /**
   * Idle ({@link #idleIn} is the state, the range empty): left out of the boundaries' evaluations
   * until a sample reaches its series or its state is set, because each would decide the same and
   * change nothing. {@link #lastEvaluated} stays at its last evaluation that ran meanwhile.
   */
  boolean asleep;
  /** Matches counted before a restore; the route counts the rest. */
  long matchedBase;
  /** When the configuration last changed (the newest ConfigurationUpdate item's time). */
  long configuredMillis;
  /** The newest history items (all of the retained history, or a tail: EngineOptions). */
  final ArrayDeque<HistoryItem> history = new ArrayDeque<>(1); // grows as items come (none in a backtest)
  /** How many of the newest {@link #history} items {@link Engine#changes()} has not reported. */
  int unreported;
  /** Position in the engine's alarms (and in its snapshot). */
  int position;
  /** In the engine's list of alarms that may have changed since {@link Engine#changes()}. */
  boolean dirty;
  /** In the engine's list of alarms to trim at the next {@link Engine#committed()}. */
  boolean awaitingStore;
  // what Engine.changes() last reported of this alarm (its snapshot's fields; the history by its
  // size and its first and last items: it only grows at the end and shrinks at the front)
  private boolean reported;
  private @Nullable AlarmState reportedState;
  private @Nullable String reportedReason;
  private @Nullable String reportedReasonData;
  private long reportedTransitioned;
  private long reportedEvaluated;
  private long reportedMatched;
  private int reportedHistorySize;
  private @Nullable HistoryItem reportedFirst;
  private @Nullable HistoryItem reportedLast;

  // early-firing cache for the boundary earlyBoundary: the statistic of each of the N newest
  // windows (NaN: no samples), kept up to date sample by sample, and which of them breach
  long earlyBoundary = Long.MIN_VALUE;
  final double[] earlyValue;
  final boolean[] earlyBreaching;
  int earlyCount;

  AlarmRuntime(ResolvedAlarm alarm, SeriesState series, Route route, int extraDatapoints) {
    this.alarm = alarm;
    this.spec = alarm.spec();
    this.series = series;
    this.route = route;
    this.periodMillis = spec.periodSeconds() * 1000L;
    this.stepMillis = spec.highResolution() ? 10_000L : 60_000L;
    this.rangeSize = spec.evaluationPeriods() + extraDatapoints;
    this.earlyValue = new double[spec.evaluationPeriods()];
    this.earlyBreaching = new boolean[spec.evaluationPeriods()];
  }

  /** True when a field of this alarm's snapshot changed since {@link #markReported}. */
  boolean changedSinceReported() {
    return !reported
        || state != reportedState
        || transitionedMillis != reportedTransitioned
        || lastEvaluated != reportedEvaluated
        || matchedBase + route.matched != reportedMatched
        || history.size() != reportedHistorySize
        || history.peekFirst() != reportedFirst
        || history.peekLast() != reportedLast
        || !Objects.equals(reason, reportedReason)
        || !Objects.equals(reasonData, reportedReasonData);
  }

  /** Remembers the current fields (see {@link #changedSinceReported}). */
  void markReported() {
    reported = true;
    reportedState = state;
    reportedReason = reason;
    reportedReasonData = reasonData;
    reportedTransitioned = transitionedMillis;
    reportedEvaluated = lastEvaluated;
    reportedMatched = matchedBase + route.matched;
    reportedHistorySize = history.size();
    reportedFirst = history.peekFirst();
    reportedLast = history.peekLast();
    unreported = 0;
  }

  /** Appends a history item (not reported yet). */
  void addHistory(HistoryItem item) {
    history.add(item);
    unreported++;
  }

  /**
   * Drops the oldest reported items beyond {@code limit}, never the newest reported one (the next
   * commit finds its new items after it) nor an unreported one; the drop alone is not a change
   * for {@link #changedSinceReported} (what was stored stays stored). Returns how many it dropped.
   */
  int dropStoredBeyond(int limit) {
    int reportedItems = history.size() - unreported;
    int dropped = 0;
    while (history.size() > limit && reportedItems - dropped > 1) {
      history.pollFirst();
      dropped++;
    }
    if (dropped > 0 && reported) {
      reportedHistorySize -= dropped;
      reportedFirst = history.peekFirst();
    }
    return dropped;
  }

  /** After items left the front of {@link #history} (retention). */
  void droppedFromFront() {
    unreported = Math.min(unreported, history.size());
  }

  boolean dueAt(long boundary) {
    // never twice at one boundary: a boundary run in slices (Engine#tick(int)) may be committed,
    // restored and resumed half-way
    return boundary >= firstBoundary && boundary % stepMillis == 0 && lastEvaluated < boundary;
  }

  /** This alarm's first evaluation boundary at or after {@code engineNext}. */
  long nextBoundaryFrom(long engineNext) {
    long t = Math.floorDiv(engineNext + stepMillis - 1, stepMillis) * stepMillis;
    return Math.max(t, firstBoundary);
  }

  /** The longest span of data the alarm's evaluations read, in ms. */
  long rangeMillis() {
    return rangeSize * periodMillis;
  }
}
