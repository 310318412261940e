package io.mcpwatch.alarm;

/**
 * One alarm datapoint: the statistic over all samples of one period window (spec 3.2), stamped
 * with the window's start. A window without samples is missing.
 *
 * @param timestampMillis start of the period, epoch milliseconds
 * @param value the statistic's value; NaN when missing
 * @param sampleCount number of samples in the window; 0 when missing
 */
public record Datapoint(long timestampMillis, double value, double sampleCount) {

  public Datapoint {
    if (sampleCount < 0 || (sampleCount > 0 && Double.isNaN(value))) {
      throw new IllegalArgumentException("a real datapoint needs a value and a positive count");
    }
  }

  /** A missing datapoint for the window starting at {@code timestampMillis}. */
  public static Datapoint missing(long timestampMillis) {
    return new Datapoint(timestampMillis, Double.NaN, 0);
  }

  /** The datapoint of a window with samples. */
  public static Datapoint of(long timestampMillis, double value, double sampleCount) {
    if (!(sampleCount > 0)) {
      throw new IllegalArgumentException("sampleCount must be positive; found " + sampleCount);
    }
    return new Datapoint(timestampMillis, value, sampleCount);
  }

  public boolean isMissing() {
    return sampleCount == 0;
  }
}
