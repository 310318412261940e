package io.mcpwatch.alarm;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one alarm evaluation (spec 3.5): the resulting state, which branch of the
 * reference algorithm decided it, and the N evaluated entries the StateReason reports.
 *
 * @param state the state after the evaluation (the current state when {@link Route#RETAINED})
 * @param route which branch decided
 * @param evaluated the N evaluated entries, newest first: real datapoints plus, when there were
 *     fewer than N of them, the newest missing slots (fillers); empty only for {@link
 *     Route#RETAINED} with no datapoints at all
 * @param fillers how many entries of {@code evaluated} are missing slots
 * @param breaching how many real entries of {@code evaluated} breach
 */
public record Evaluation(
    AlarmState state, Route route, List<Datapoint> evaluated, int fillers, int breaching) {

  /** The branch of the reference algorithm (spec 3.5) that produced the state. */
  public enum Route {
    /** At least N real datapoints in the range: the newest N real ones decide. */
    NEWEST_REAL,
    /** Fewer than N real datapoints; {@code breaching}/{@code notBreaching} fillers were used. */
    FILLED,
    /** Fewer than N real datapoints; {@code missing}/{@code ignore}: the real ones decided. */
    PARTIAL,
    /** {@code missing}: fewer than M breaches, but the oldest breach is at least M entries old. */
    PREMATURE,
    /** No real datapoint in the range and a treatment that decides ({@code ignore} retains). */
    ALL_MISSING,
    /** The state is kept ({@code ignore}, or the premature-alarm rule's fallback, spec 7 #7). */
    RETAINED
  }

  public Evaluation {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(route, "route");
    evaluated = List.copyOf(evaluated);
  }
}
