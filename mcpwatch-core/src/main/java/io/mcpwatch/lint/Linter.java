package io.mcpwatch.lint;

import io.mcpwatch.config.AlarmDefinition;
import io.mcpwatch.config.AlarmInstance;
import io.mcpwatch.config.AlarmOverride;
import io.mcpwatch.config.AlarmSettings;
import io.mcpwatch.config.App;
import io.mcpwatch.config.McpwatchConfig;
import io.mcpwatch.config.Resolution;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lints a bound and resolved configuration. Pure: same input, same findings, sorted by position; a
 * value written once and inherited by many alarms is reported once, where it is written.
 *
 * <pre>{@code
 * BindResult bound = ConfigBinder.bind(tree);
 * Resolution resolved = ConfigResolver.resolve(bound.config());
 * List<Finding> findings = Linter.lint(bound.config(), resolved);
 * }</pre>
 *
 * <p>Works on configurations with errors too: wrong values are skipped, and a pattern AWS rejects
 * is still explained.
 */
public final class Linter {
  private Linter() {}

  public static List<Finding> lint(McpwatchConfig config, Resolution resolution) {
    Findings out = new Findings();
    for (AlarmSettings written : writtenSettings(config)) {
      PatternRules.check(written, out);
      DimensionRules.checkWritten(written, out);
    }
    // these rules read only an instance's settings, its alarm definition and the configuration:
    // the thousands of apps that inherit one alarm's settings share one settings object, whose
    // findings are the same for each (and reported once)
    Map<AlarmSettings, AlarmDefinition> checked = new IdentityHashMap<>();
    for (AlarmInstance i : resolution.instances()) {
      if (!i.enabled() || checked.putIfAbsent(i.settings(), i.definition()) == i.definition()) {
        continue;
      }
      DimensionRules.check(i, out);
      StatisticRules.check(i, out);
      MissingDataRules.check(i, out);
      SparseDataRules.check(config, i, out);
    }
    TopicRules.check(config, resolution, out);
    QuotaRules.check(config, resolution.alarms(), out);
    MetricRules.check(resolution, out);
    ServiceRules.check(config, out);
    return out.sorted();
  }

  /** Every place alarm fields are written: defaults, alarms, apps' alarms, overrides. */
  private static List<AlarmSettings> writtenSettings(McpwatchConfig config) {
    List<AlarmSettings> all = new ArrayList<>();
    all.add(config.defaults());
    for (AlarmDefinition d : config.alarms()) {
      all.add(d.settings());
    }
    for (App a : config.apps()) {
      all.addAll(a.alarms().values());
    }
    for (AlarmOverride o : config.overrides()) {
      all.add(o.settings());
    }
    return all;
  }
}
