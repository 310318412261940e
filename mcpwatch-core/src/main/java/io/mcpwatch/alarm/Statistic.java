package io.mcpwatch.alarm;

/** The five CloudWatch statistics an alarm can evaluate. */
public enum Statistic {
  SampleCount,
  Average,
  Sum,
  Minimum,
  Maximum
}
