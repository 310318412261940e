package io.mcpwatch.pattern;

import java.util.List;

/** The CloudWatch {@code StandardUnit} names a metric transformation's unit may take. */
public final class StandardUnit {
  private StandardUnit() {}

  /** Every StandardUnit name, in AWS order. */
  public static final List<String> NAMES =
      List.of(
          "Seconds",
          "Microseconds",
          "Milliseconds",
          "Bytes",
          "Kilobytes",
          "Megabytes",
          "Gigabytes",
          "Terabytes",
          "Bits",
          "Kilobits",
          "Megabits",
          "Gigabits",
          "Terabits",
          "Percent",
          "Count",
          "Bytes/Second",
          "Kilobytes/Second",
          "Megabytes/Second",
          "Gigabytes/Second",
          "Terabytes/Second",
          "Bits/Second",
          "Kilobits/Second",
          "Megabits/Second",
          "Gigabits/Second",
          "Terabits/Second",
          "Count/Second",
          "None");
}
