package io.mcpwatch.notify;

/**
 * How SNS spreads the delays of the backoff phase from {@code minDelay} to {@code maxDelay}. SNS
 * publishes only a graph of the four curves; these formulas reproduce their shapes (linear;
 * arithmetic, quadratic; geometric, a constant ratio; exponential, flat then steep) and end exactly
 * at {@code maxDelay}. With {@code f = i / k} for the i-th of k backoff retries:
 */
public enum BackoffFunction {
  /** {@code min + (max - min) * f}. */
  LINEAR,
  /** {@code min + (max - min) * f^2}. */
  ARITHMETIC,
  /** {@code min * (max / min)^f} (min taken as at least 1 s). */
  GEOMETRIC,
  /** {@code min + (max - min) * (2^(k f) - 1) / (2^k - 1)}. */
  EXPONENTIAL;

  /** The delay in seconds of backoff retry {@code i} of {@code k} (1-based). */
  double seconds(double min, double max, int i, int k) {
    double f = (double) i / k;
    switch (this) {
      case LINEAR:
        return min + (max - min) * f;
      case ARITHMETIC:
        return min + (max - min) * f * f;
      case GEOMETRIC:
        double lo = Math.max(min, 1.0);
        return max <= lo ? max : lo * Math.pow(max / lo, f);
      case EXPONENTIAL:
        return k >= 60 ? (i == k ? max : min + (max - min) * Math.pow(2, i - (double) k))
            : min + (max - min) * (Math.pow(2, i) - 1) / (Math.pow(2, k) - 1);
      default:
        throw new AssertionError(this);
    }
  }
}
