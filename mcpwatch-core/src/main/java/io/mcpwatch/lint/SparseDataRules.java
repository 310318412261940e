package io.mcpwatch.lint;

import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.AlarmInstance;
import io.mcpwatch.config.AlarmSettings;
import io.mcpwatch.config.Located;
import io.mcpwatch.config.McpwatchConfig;
import java.util.List;
import java.util.Locale;

/**
 * Sparse data and the evaluation range (spec 3.5): an alarm evaluates the last N + {@code
 * engine.evaluationRangeExtra} periods, and when its newest periods have no datapoint it uses the
 * newest <em>real</em> datapoints it can still find in that range; {@code treatMissingData} only
 * fills in when fewer than N are left. A period longer than the evaluation step (one minute) is
 * evaluated at every minute, over a window that moves with it, so after one burst the alarm goes
 * OK when a later window holds a small count and back to ALARM (notifying again) when a later
 * window is empty and the burst's window is again the newest real one: up to N + 2 periods long
 * (one 404 burst, three ALARM e-mails in 15 minutes), whatever {@code treatMissingData} says.
 */
final class SparseDataRules {
  private SparseDataRules() {}

  static final String REFIRE = "sparse-data-refires";

  static void check(McpwatchConfig config, AlarmInstance instance, Findings out) {
    AlarmSettings s = instance.settings();
    int extra = config.service().engine().extraRangeDatapoints();
    if (extra <= 0 || s.defaultValue() != null || s.comparison() == null || s.period() == null) {
      return; // with a defaultValue, every period with log traffic has a datapoint
    }
    ComparisonOperator op = s.comparison().value();
    if (op != ComparisonOperator.GreaterThanOrEqualToThreshold
        && op != ComparisonOperator.GreaterThanThreshold) {
      return;
    }
    Located<TreatMissingData> tmd = s.treatMissingData();
    if (tmd != null && tmd.value() == TreatMissingData.breaching) {
      return; // breaching-on-silence says more
    }
    int period = s.period().value();
    int step = period < 60 ? 10 : 60;
    if (period <= step) {
      return; // windows do not overlap: the newest real datapoint is always the newest window's
    }
    int n = s.evaluationPeriods() == null ? 1 : s.evaluationPeriods().value();
    long rangeSeconds = (long) (n + extra) * period;
    String missing = tmd == null ? "missing" : tmd.value().name();
    String message = out.text(List.of(REFIRE, step, n, extra, period, missing), () ->
        String.format(
            Locale.ROOT,
            "with sparse data one burst can send several ALARM notifications: evaluated every %s"
                + " over its last %d periods of %d s (evaluationPeriods %d +"
                + " engine.evaluationRangeExtra %d), the alarm reuses the newest real datapoint in"
                + " that range when the newest period has none (treatMissingData: %s applies only"
                + " when none is left), so after a burst it can go OK on a small count and back to"
                + " ALARM on a quiet period, for up to %s",
            step == 60 ? "minute" : "10 s",
            n + extra,
            period,
            n,
            extra,
            missing,
            minutes(rangeSeconds)));
    out.at(
        tmd != null ? tmd : s.period(),
        instance,
        Severity.INFO,
        REFIRE,
        message,
        "engine.evaluationRangeExtra: 0 evaluates only the last evaluationPeriods periods, so a"
            + " quiet period is OK and a burst sends one ALARM (mcpwatch only; CloudWatch's range"
            + " is fixed); on CloudWatch too, defaultValue: 0 gives every period with log lines a"
            + " datapoint (not with dimensions, which AWS refuses with a defaultValue)");
  }

  private static String minutes(long seconds) {
    return seconds % 60 == 0 ? seconds / 60 + " minutes" : seconds + " s";
  }
}
