package io.mcpwatch.lint;

import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.config.AlarmInstance;
import io.mcpwatch.config.AlarmSettings;
import io.mcpwatch.config.Located;
import org.jspecify.annotations.Nullable;

/**
 * Thresholds the alarm's statistic can never reach, defaultValue combined with statistics it
 * distorts, and sub-minute periods on per-minute metrics.
 */
final class StatisticRules {
  private StatisticRules() {}

  static final String UNREACHABLE = "unreachable-threshold";
  static final String DEFAULT_VALUE = "default-value-statistic";
  static final String HIGH_RESOLUTION = "high-resolution-period";

  static void check(AlarmInstance instance, Findings out) {
    AlarmSettings s = instance.settings();
    Located<Statistic> stat = s.statistic();
    Located<ComparisonOperator> op = s.comparison();
    Located<Double> threshold = s.threshold();
    Located<Integer> period = s.period();
    if (stat == null || op == null || threshold == null || period == null) {
      return;
    }
    Double value = constant(s.metricValue());
    Double dflt = s.defaultValue() == null ? null : s.defaultValue().value();
    boolean fieldDims =
        s.effectiveDimensions().values().stream().anyMatch(d -> d.isFieldReference());
    if (fieldDims) {
      dflt = null; // AWS rejects the combination; reported elsewhere
    }
    Range r = range(stat.value(), value, dflt);
    if (r != null && !r.canBreach(op.value(), threshold.value())) {
      out.at(
          threshold,
          instance,
          Severity.WARNING,
          UNREACHABLE,
          r.description
              + " in a "
              + period.value()
              + " s period, so \""
              + op.value().phrase()
              + " "
              + num(threshold.value())
              + "\" is never true and the alarm never fires",
          suggestion(stat.value(), op.value(), value));
    }
    if (dflt != null) {
      defaultValue(instance, stat, dflt, out);
    }
    if (period.value() < 60) {
      out.at(
          period,
          instance,
          Severity.WARNING,
          HIGH_RESOLUTION,
          "metric filters publish standard-resolution metrics (aggregated per minute); in"
              + " CloudWatch a "
              + period.value()
              + " s alarm period sees most periods as missing"
              + " data",
          "use period: 60 or a multiple of it");
    }
  }

  private static void defaultValue(
      AlarmInstance instance, Located<Statistic> stat, double dflt, Findings out) {
    Located<Double> at = instance.settings().defaultValue();
    if (stat.value() == Statistic.SampleCount) {
      out.at(
          at,
          instance,
          Severity.WARNING,
          DEFAULT_VALUE,
          "with defaultValue every ingested event that does not match adds a sample, so"
              + " SampleCount counts all events, not matches",
          "count matches with statistic: Sum and metricValue: \"1\", or drop defaultValue");
    } else if (stat.value() == Statistic.Sum && dflt != 0) {
      out.at(
          at,
          instance,
          Severity.WARNING,
          DEFAULT_VALUE,
          "every ingested event that does not match adds defaultValue "
              + num(dflt)
              + " to the Sum, so the Sum grows with ordinary traffic",
          "use defaultValue: 0 (or none) for a count");
    }
  }

  private static @Nullable String suggestion(
      Statistic stat, ComparisonOperator op, @Nullable Double value) {
    if (op == ComparisonOperator.LessThanThreshold
        || op == ComparisonOperator.LessThanOrEqualToThreshold) {
      return "a period without matches has no datapoint at all; to alarm on silence use"
          + " treatMissingData: breaching with GreaterThanThreshold";
    }
    if (stat == Statistic.Minimum || stat == Statistic.Maximum || stat == Statistic.Average) {
      return "to count matches use statistic: Sum (or SampleCount)";
    }
    if (value != null && value == 0) {
      return "metricValue: \"1\" counts each match";
    }
    return null;
  }

  /** The metric value when it is a number, else null (a field reference). */
  static @Nullable Double constant(@Nullable Located<String> metricValue) {
    if (metricValue == null || metricValue.value().startsWith("$")) {
      return null;
    }
    try {
      return Double.parseDouble(metricValue.value());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The values a datapoint of the statistic can take, when they are known: a datapoint exists only
   * when the period has at least one sample (v per match, d per non-matching event).
   */
  static @Nullable Range range(Statistic stat, @Nullable Double v, @Nullable Double d) {
    if (stat == Statistic.SampleCount) {
      return new Range(
          1, Double.POSITIVE_INFINITY, "SampleCount is at least 1 whenever a datapoint exists");
    }
    if (v == null) {
      return null;
    }
    double lo = d == null ? v : Math.min(v, d);
    double hi = d == null ? v : Math.max(v, d);
    String of = "metricValue " + num(v) + (d == null ? "" : " and defaultValue " + num(d));
    switch (stat) {
      case Sum:
        {
          double min = lo < 0 ? Double.NEGATIVE_INFINITY : lo;
          double max = hi > 0 ? Double.POSITIVE_INFINITY : hi;
          String desc =
              min == max
                  ? "the Sum of " + of + " is always " + num(min)
                  : max == Double.POSITIVE_INFINITY && min != Double.NEGATIVE_INFINITY
                      ? "the Sum of "
                          + of
                          + " is at least "
                          + num(min)
                          + " whenever a datapoint exists"
                      : "the Sum of "
                          + of
                          + " is at most "
                          + num(max)
                          + " whenever a datapoint exists";
          return new Range(min, max, desc);
        }
      case Minimum:
      case Maximum:
      case Average:
        {
          String name = stat.name();
          String desc =
              lo == hi
                  ? "the " + name + " of a constant " + of + " is always " + num(lo)
                  : "the " + name + " of " + of + " is between " + num(lo) + " and " + num(hi);
          return new Range(lo, hi, desc);
        }
      default:
        return null;
    }
  }

  static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15
        ? Long.toString((long) d) // as %d in Locale.ROOT, without a Formatter per alarm
        : Double.toString(d);
  }

  /** The closed range [min, max] of possible datapoint values, and how to say it. */
  static final class Range {
    final double min;
    final double max;
    final String description;

    Range(double min, double max, String description) {
      this.min = min;
      this.max = max;
      this.description = description;
    }

    boolean canBreach(ComparisonOperator op, double t) {
      switch (op) {
        case GreaterThanOrEqualToThreshold:
          return max >= t;
        case GreaterThanThreshold:
          return max > t;
        case LessThanThreshold:
          return min < t;
        case LessThanOrEqualToThreshold:
          return min <= t;
        default:
          throw new AssertionError(op);
      }
    }
  }
}
