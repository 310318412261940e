package io.mcpwatch.bench.live;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Percentiles of a list of durations (nearest-rank). */
final class Stats {
  private Stats() {}

  /** {@code p} in [0, 100]; nearest-rank on the sorted values. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** "n=.. min .. p50 .. p90 .. p99 .. max .. ms". */
  static String summary(List<Double> millis) {
    double[] v = millis.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return String.format(Locale.ROOT,
        "n=%d  min %.1f  p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  mean %.1f ms", v.length,
        v.length == 0 ? Double.NaN : v[0], percentile(v, 50), percentile(v, 90),
        percentile(v, 99), v.length == 0 ? Double.NaN : v[v.length - 1],
        Arrays.stream(v).average().orElse(Double.NaN));
  }
}
