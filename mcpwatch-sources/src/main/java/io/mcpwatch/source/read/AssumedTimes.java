package io.mcpwatch.source.read;

import java.util.Locale;

/**
 * Times given to text lines that carry none (uvicorn's default output): the first such line is at
 * {@code startMillis}, each next one {@code 1 / perSecond} seconds later. The times are made up,
 * and readers count them in {@link ReaderStats#assumedTimes()} so that reports can say so.
 *
 * @param startMillis the assumed time of the first untimed line, epoch milliseconds
 * @param perSecond untimed lines per second, &gt; 0
 */
public record AssumedTimes(long startMillis, double perSecond) {

  private static final double MAX_RATE = 1_000_000;

  /**
   * @throws IllegalArgumentException if the rate is not a positive finite number up to 10^6
   */
  public AssumedTimes {
    if (!(perSecond > 0 && perSecond <= MAX_RATE)) {
      throw new IllegalArgumentException(
          "assumed rate: expected 0 < events per second <= 1000000, got " + perSecond);
    }
  }

  /** The time of the {@code k}-th (0-based) untimed line. */
  long timeOf(long k) {
    return startMillis + Math.round(k * 1000.0 / perSecond);
  }

  /**
   * Parses a rate: {@code N/s}, {@code N/min}, {@code N/h} or a bare number of events per second.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static double parseRate(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    double unit = 1;
    int slash = t.indexOf('/');
    if (slash >= 0) {
      switch (t.substring(slash + 1).trim()) {
        case "s":
        case "sec":
          unit = 1;
          break;
        case "m":
        case "min":
          unit = 60;
          break;
        case "h":
          unit = 3600;
          break;
        default:
          throw badRate(text);
      }
      t = t.substring(0, slash).trim();
    }
    double n;
    try {
      n = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw badRate(text);
    }
    double rate = n / unit;
    if (!(rate > 0 && rate <= MAX_RATE) || t.endsWith("d") || t.endsWith("f")) {
      throw badRate(text);
    }
    return rate;
  }

  private static IllegalArgumentException badRate(String text) {
    return new IllegalArgumentException(
        "rate '" + text + "': expected events per second like 10/s, 600/min or 0.5");
  }
}
