package io.mcpwatch.alarm;

/** The four static-threshold comparison operators of PutMetricAlarm. */
public enum ComparisonOperator {
  GreaterThanOrEqualToThreshold("greater than or equal to"),
  GreaterThanThreshold("greater than"),
  LessThanThreshold("less than"),
  LessThanOrEqualToThreshold("less than or equal to");

  private final String phrase;

  ComparisonOperator(String phrase) {
    this.phrase = phrase;
  }

  /** The phrase CloudWatch uses in StateReason, e.g. {@code greater than or equal to}. */
  public String phrase() {
    return phrase;
  }

  /** Whether {@code value OP threshold} holds, i.e. the datapoint is breaching. */
  public boolean breaches(double value, double threshold) {
    switch (this) {
      case GreaterThanOrEqualToThreshold:
        return value >= threshold;
      case GreaterThanThreshold:
        return value > threshold;
      case LessThanThreshold:
        return value < threshold;
      case LessThanOrEqualToThreshold:
        return value <= threshold;
      default:
        throw new AssertionError(this);
    }
  }
}
