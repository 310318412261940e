package io.mcpwatch.alarm;

/** The five CloudWatch statistics an alarm can evaluate. */
public enum Statistic {
  SampleCount,
  Average,
  Sum,
  Minimum,
  Maximum;

  /**
   * The statistic over a window's samples, given their sum, count, minimum and maximum; NaN when
   * {@code sampleCount} is 0. Average is Sum / SampleCount (spec 3.2).
   */
  public double compute(double sum, long sampleCount, double min, double max) {
    if (sampleCount == 0) {
      return Double.NaN;
    }
    switch (this) {
      case SampleCount:
        return sampleCount;
      case Average:
        return sum / sampleCount;
      case Sum:
        return sum;
      case Minimum:
        return min;
      case Maximum:
        return max;
      default:
        throw new AssertionError(this);
    }
  }
}
