package io.mcpwatch.config;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Expands a bound configuration into one {@link ResolvedAlarm} per environment x app x alarm:
 * merges built-in defaults, {@code defaults}, the alarm, the app's alarm fields and the matching
 * overrides (in file order); substitutes {@code {env}}, {@code {app}}, {@code {alarm}} and {@code
 * {topic}}; compiles each metric filter; builds each {@link AlarmSpec}. Errors point at the value
 * that caused them.
 *
 * <p>Built-in defaults: {@code metricValue "1"}, {@code statistic Sum}, {@code period 300}, {@code
 * evaluationPeriods 1}, {@code comparison GreaterThanOrEqualToThreshold}, {@code actionsEnabled
 * true}, {@code dimensions {MCP: "{app}"}}, {@code alarmActions} and {@code okActions} {@code
 * ["{topic}"]} (the environment's topic), no {@code insufficientDataActions}; {@code
 * datapointsToAlarm} and {@code treatMissingData} stay unset unless written.
 */
public final class ConfigResolver {
  private ConfigResolver() {}

  /** The settings every alarm starts from. */
  public static final AlarmSettings BUILTIN_DEFAULTS =
      AlarmSettings.builder()
          .set(AlarmField.METRIC_VALUE, Located.builtin("1", "metricValue"))
          .set(AlarmField.STATISTIC, Located.builtin(Statistic.Sum, "statistic"))
          .set(AlarmField.PERIOD, Located.builtin(300, "period"))
          .set(AlarmField.EVALUATION_PERIODS, Located.builtin(1, "evaluationPeriods"))
          .set(
              AlarmField.COMPARISON,
              Located.builtin(ComparisonOperator.GreaterThanOrEqualToThreshold, "comparison"))
          .set(AlarmField.ACTIONS_ENABLED, Located.builtin(true, "actionsEnabled"))
          .set(AlarmField.ENABLED, Located.builtin(true, "enabled"))
          .set(
              AlarmField.ALARM_ACTIONS,
              Located.builtin(List.of(Located.builtin("{topic}", "alarmActions")), "alarmActions"))
          .set(
              AlarmField.OK_ACTIONS,
              Located.builtin(List.of(Located.builtin("{topic}", "okActions")), "okActions"))
          .set(
              AlarmField.INSUFFICIENT_DATA_ACTIONS,
              Located.builtin(List.<Located<String>>of(), "insufficientDataActions"))
          .dimension(
              new Dimension(
                  Located.builtin("MCP", "dimensions.MCP"),
                  Located.builtin("{app}", "dimensions.MCP")))
          .build();

  /** Fields an alarm needs after merging (the built-in defaults give most; null clears them). */
  static final List<AlarmField> REQUIRED =
      List.of(
          AlarmField.METRIC,
          AlarmField.PATTERN,
          AlarmField.THRESHOLD,
          AlarmField.METRIC_VALUE,
          AlarmField.STATISTIC,
          AlarmField.PERIOD,
          AlarmField.EVALUATION_PERIODS,
          AlarmField.COMPARISON,
          AlarmField.ACTIONS_ENABLED);

  /** Resolves every combination. Never throws for configuration mistakes. */
  public static Resolution resolve(McpwatchConfig config) {
    // every combination: the lists and the map of names are sized once (no copies while 20,000
    // are added)
    int all = (int) Math.min(1 << 20, (long) config.environments().size() * config.apps().size()
        * config.alarms().size());
    return resolve(config, app -> true, all);
  }

  /**
   * Resolves the combinations of the apps {@code apps} accepts (a reader of one app's alarms among
   * thousands, such as {@code status --app}). Never throws for configuration mistakes.
   */
  public static Resolution resolve(McpwatchConfig config, Predicate<String> apps) {
    return resolve(config, apps, 16);
  }

  private static Resolution resolve(McpwatchConfig config, Predicate<String> apps, int expected) {
    Set<ConfigError> errors = new LinkedHashSet<>();
    List<AlarmInstance> instances = new ArrayList<>(expected);
    List<ResolvedAlarm> alarms = new ArrayList<>(expected);
    Map<String, AlarmInstance> byName = new HashMap<>(expected + expected / 3 + 1);
    Set<String> topicNames = new LinkedHashSet<>();
    CompiledFilters filters = new CompiledFilters(config.patternOptions());
    InstanceResolver.Shared shared = new InstanceResolver.Shared();
    config.topics().forEach(t -> topicNames.add(t.name()));
    boolean duplicateReported = false;
    // built-in defaults, defaults and the alarm's own fields: the same for every app and environment
    Map<AlarmDefinition, AlarmSettings> bases = new IdentityHashMap<>();
    for (Environment env : config.environments()) {
      for (App app : config.apps()) {
        if (!app.runsIn(env.name()) || !apps.test(app.name())) {
          continue;
        }
        for (AlarmDefinition def : config.alarms()) {
          AlarmSettings s =
              merge(config, env, app, def, bases.computeIfAbsent(def, d -> base(config, d)));
          boolean enabled = s.enabled() == null || s.enabled().value();
          ResolvedAlarm r = null;
          if (enabled) {
            r = new InstanceResolver(config, env, app, def, s, topicNames, errors, filters, shared)
                .resolve();
          }
          AlarmInstance instance = new AlarmInstance(env, app, def, s, enabled, r);
          instances.add(instance);
          if (r == null) {
            continue;
          }
          AlarmInstance first = byName.putIfAbsent(r.spec().alarmName(), instance);
          if (first != null) {
            if (!duplicateReported && config.alarmName() != null) {
              errors.add(
                  config
                      .alarmName()
                      .error(
                          "produces the alarm name "
                              + r.spec().alarmName()
                              + " for both "
                              + first.label()
                              + " and "
                              + instance.label()
                              + "; alarm names must be unique: use {env}, {app} and {alarm}"));
              duplicateReported = true;
            }
            continue;
          }
          alarms.add(r);
        }
      }
    }
    List<ConfigError> sorted = new ArrayList<>(errors);
    sorted.sort(null);
    return new Resolution(instances, alarms, sorted);
  }

  /** The merged settings of one combination (built-in, defaults, alarm, app, overrides). */
  public static AlarmSettings merge(
      McpwatchConfig config, Environment env, App app, AlarmDefinition def) {
    return merge(config, env, app, def, base(config, def));
  }

  private static AlarmSettings base(McpwatchConfig config, AlarmDefinition def) {
    return BUILTIN_DEFAULTS.overlay(config.defaults()).overlay(def.settings());
  }

  private static AlarmSettings merge(
      McpwatchConfig config, Environment env, App app, AlarmDefinition def, AlarmSettings base) {
    AlarmSettings s = base;
    AlarmSettings perApp = app.alarms().get(def.name());
    if (perApp != null) {
      s = s.overlay(perApp);
    }
    for (AlarmOverride o : config.overrides()) {
      if (o.selects(env.name(), app.name(), def.name())) {
        s = s.overlay(o.settings());
      }
    }
    return s;
  }
}
