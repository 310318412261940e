package io.mcpwatch.lint;

import io.mcpwatch.config.AlarmInstance;
import io.mcpwatch.config.Resolution;
import io.mcpwatch.config.ResolvedAlarm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Two different filters publishing into the same metric, so each alarm counts both. */
final class MetricRules {
  private MetricRules() {}

  static final String SHARED = "shared-metric";

  static void check(Resolution resolution, Findings out) {
    int n = resolution.instances().size();
    Map<List<Object>, AlarmInstance> byMetric = new HashMap<>(n + n / 3 + 1);
    for (AlarmInstance i : resolution.instances()) {
      ResolvedAlarm r = i.resolved();
      if (r == null) {
        continue;
      }
      List<Object> key =
          List.of(r.logGroup(), r.spec().namespace(), r.spec().metricName(), r.spec().dimensions());
      AlarmInstance first = byMetric.putIfAbsent(key, i);
      if (first == null || first.resolved() == null) {
        continue;
      }
      ResolvedAlarm f = first.resolved();
      boolean same =
          f.filter().pattern().text().equals(r.filter().pattern().text())
              && f.filter().transformation().equals(r.filter().transformation());
      if (!same) {
        out.at(
            i.settings().metric(),
            i,
            Severity.WARNING,
            SHARED,
            "alarms "
                + first.definition().name()
                + " and "
                + i.definition().name()
                + " publish different filters into the same metric "
                + r.spec().metricName()
                + ", so each alarm counts the samples of both",
            "give each alarm its own metric name");
      }
    }
  }
}
