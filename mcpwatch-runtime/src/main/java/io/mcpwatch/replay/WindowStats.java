package io.mcpwatch.replay;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.metrics.MinuteAggregate;
import java.util.Arrays;
import java.util.List;

/**
 * The distribution of an alarm's datapoints over a replay, to see what threshold fits: the
 * statistic over the sliding window {@code [T - period, T)} at every minute boundary T where the
 * window has samples (what CloudWatch would evaluate each minute).
 *
 * @param windows how many windows had samples
 * @param p50 median datapoint
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max the largest datapoint
 * @param breaching how many windows breached the configured threshold
 */
public record WindowStats(long windows, double p50, double p95, double p99, double max, long breaching) {
  private static final long MINUTE = 60_000L;

  /** Null when no window had samples or the period is shorter than a minute. */
  static WindowStats of(AlarmSpec spec, List<MinuteAggregate> minutes) {
    if (minutes.isEmpty() || spec.periodSeconds() < 60) {
      return null;
    }
    int p = spec.periodSeconds() / 60;
    long first = minutes.get(0).start().toEpochMilli() / MINUTE;
    long last = minutes.get(minutes.size() - 1).start().toEpochMilli() / MINUTE;
    int n = (int) (last - first + 1);
    MinuteAggregate[] byMinute = new MinuteAggregate[n];
    for (MinuteAggregate m : minutes) {
      byMinute[(int) (m.start().toEpochMilli() / MINUTE - first)] = m;
    }
    // Window ending at boundary T = first + i + 1 covers minutes (i - p + 1) .. i.
    double[] values = new double[n];
    int count = 0;
    long breaching = 0;
    for (int end = 0; end < n; end++) {
      double sum = 0;
      long samples = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = Math.max(0, end - p + 1); i <= end; i++) {
        MinuteAggregate m = byMinute[i];
        if (m != null) {
          sum += m.sum();
          samples += m.sampleCount();
          min = Math.min(min, m.min());
          max = Math.max(max, m.max());
        }
      }
      if (samples == 0) {
        continue;
      }
      double v = value(spec.statistic(), sum, samples, min, max);
      values[count++] = v;
      if (spec.comparison().breaches(v, spec.threshold())) {
        breaching++;
      }
    }
    if (count == 0) {
      return null;
    }
    double[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    return new WindowStats(
        count, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), sorted[count - 1], breaching);
  }

  private static double value(Statistic s, double sum, long samples, double min, double max) {
    switch (s) {
      case Sum:
        return sum;
      case SampleCount:
        return samples;
      case Average:
        return sum / samples;
      case Minimum:
        return min;
      default:
        return max;
    }
  }

  /** Nearest-rank percentile. */
  private static double rank(double[] sorted, double q) {
    int idx = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }
}
