package io.mcpwatch.alarm;

/**
 * Early firing: deciding, between two evaluation boundaries, that the next evaluation is certain to
 * put the alarm in ALARM whatever data still arrives before it, so the transition can happen now.
 * See the table and the argument in {@code package-info.java}.
 *
 * <p>The rule: let T be the alarm's next evaluation boundary. The alarm fires early when at least M
 * of the N newest windows at T ({@code [T-P, T)}, ..., {@code [T-N*P, T-(N-1)*P)}) already breach,
 * and the (statistic, operator, sample sign) combination is {@linkplain #eligible monotone}, so a
 * breaching window can never stop breaching when more samples arrive.
 */
public final class EarlyFiring {

  private EarlyFiring() {}

  /** What is known about the sign of every sample that can reach a metric. */
  public enum SampleSign {
    /** Every sample is 0 (or no sample can arrive at all). */
    ZERO,
    /** Every sample is &gt;= 0. */
    NON_NEGATIVE,
    /** Every sample is &lt;= 0. */
    NON_POSITIVE,
    /** Unknown, e.g. a value extracted from the event. */
    ANY;

    /** The sign of a constant sample value; {@link #ANY} for NaN or infinities. */
    public static SampleSign of(double constant) {
      if (!Double.isFinite(constant)) {
        return ANY;
      }
      if (constant == 0) {
        return ZERO;
      }
      return constant > 0 ? NON_NEGATIVE : NON_POSITIVE;
    }

    /** The sign of the union of two sample populations. */
    public SampleSign and(SampleSign other) {
      if (this == other || other == ZERO) {
        return this;
      }
      if (this == ZERO) {
        return other;
      }
      return ANY;
    }

    boolean nonNegative() {
      return this == ZERO || this == NON_NEGATIVE;
    }

    boolean nonPositive() {
      return this == ZERO || this == NON_POSITIVE;
    }
  }

  /**
   * Whether a breaching window of this combination stays breaching whatever samples are added to
   * it. Only then can early firing be sound. Average never qualifies.
   */
  public static boolean eligible(Statistic statistic, ComparisonOperator op, SampleSign sign) {
    boolean upward = op == ComparisonOperator.GreaterThanThreshold
        || op == ComparisonOperator.GreaterThanOrEqualToThreshold;
    switch (statistic) {
      case SampleCount:
      case Maximum:
        return upward;
      case Minimum:
        return !upward;
      case Sum:
        return upward ? sign.nonNegative() : sign.nonPositive();
      case Average:
        return false;
      default:
        throw new AssertionError(statistic);
    }
  }

  /**
   * Whether the evaluation at the next boundary is certain to be ALARM, given how many of its N
   * newest windows already breach (and, for an eligible combination, will keep breaching).
   */
  public static boolean certain(AlarmSpec spec, int breachingAmongNewestN) {
    return breachingAmongNewestN >= spec.m();
  }
}
