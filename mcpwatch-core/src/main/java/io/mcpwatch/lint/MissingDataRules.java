package io.mcpwatch.lint;

import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.AlarmInstance;
import io.mcpwatch.config.AlarmSettings;
import io.mcpwatch.config.Located;

/**
 * Count metrics from metric filters have no datapoint in a period without matches (spec 2.5), so
 * the missing-data treatment decides what quiet periods mean.
 */
final class MissingDataRules {
  private MissingDataRules() {}

  static final String UNSET = "treat-missing-data-unset";
  static final String BREACHING = "breaching-on-silence";
  static final String LESS_THAN = "less-than-count";

  static void check(AlarmInstance instance, Findings out) {
    AlarmSettings s = instance.settings();
    if (s.defaultValue() != null || s.comparison() == null || s.statistic() == null) {
      return; // with a defaultValue, periods with traffic have datapoints
    }
    Located<TreatMissingData> tmd = s.treatMissingData();
    ComparisonOperator op = s.comparison().value();
    boolean upward =
        op == ComparisonOperator.GreaterThanOrEqualToThreshold
            || op == ComparisonOperator.GreaterThanThreshold;
    boolean count =
        s.statistic().value() == Statistic.Sum || s.statistic().value() == Statistic.SampleCount;
    if (tmd == null) {
      if (!s.isInvalid(io.mcpwatch.config.AlarmField.TREAT_MISSING_DATA)) {
        out.at(
            null,
            instance,
            Severity.INFO,
            UNSET,
            "treatMissingData is not set, so it behaves as missing: a period without matching"
                + " events has no datapoint, and after a quiet evaluation range the alarm goes to"
                + " INSUFFICIENT_DATA",
            "treatMissingData: notBreaching (what the ADR sets) keeps a quiet alarm OK");
      }
      return;
    }
    if (tmd.value() == TreatMissingData.breaching && upward) {
      out.at(
          tmd,
          instance,
          Severity.WARNING,
          BREACHING,
          "every period without matching events counts as breaching, so this alarm fires when"
              + " the app is quiet, not when it is busy",
          "treatMissingData: notBreaching");
    }
    if (!upward && count && tmd.value() != TreatMissingData.breaching) {
      out.at(
          s.comparison(),
          instance,
          Severity.INFO,
          LESS_THAN,
          "a period with no matches has no datapoint, so \""
              + op.phrase()
              + "\" never sees a count of zero",
          "treatMissingData: breaching counts silent periods as breaching");
    }
  }
}
