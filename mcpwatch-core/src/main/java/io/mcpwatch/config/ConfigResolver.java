package io.mcpwatch.config;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.pattern.FilterPatternException;
import io.mcpwatch.pattern.MetricFilter;
import io.mcpwatch.pattern.MetricTransformation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
  private static final List<AlarmField> REQUIRED =
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
    Set<ConfigError> errors = new LinkedHashSet<>();
    List<AlarmInstance> instances = new ArrayList<>();
    List<ResolvedAlarm> alarms = new ArrayList<>();
    Map<String, AlarmInstance> byName = new HashMap<>();
    Set<String> topicNames = new LinkedHashSet<>();
    config.topics().forEach(t -> topicNames.add(t.name()));
    boolean duplicateReported = false;
    for (Environment env : config.environments()) {
      for (App app : config.apps()) {
        if (!app.runsIn(env.name())) {
          continue;
        }
        for (AlarmDefinition def : config.alarms()) {
          AlarmSettings s = merge(config, env, app, def);
          boolean enabled = s.enabled() == null || s.enabled().value();
          ResolvedAlarm r = null;
          if (enabled) {
            r = new One(config, env, app, def, s, topicNames, errors).resolve();
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
    AlarmSettings s = BUILTIN_DEFAULTS.overlay(config.defaults()).overlay(def.settings());
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

  /** Resolution of one combination. */
  private static final class One {
    private final McpwatchConfig config;
    private final Environment env;
    private final App app;
    private final AlarmDefinition def;
    private final AlarmSettings s;
    private final Set<String> topicNames;
    private final Set<ConfigError> errors;
    private final Map<String, String> vars = new HashMap<>();

    One(
        McpwatchConfig config,
        Environment env,
        App app,
        AlarmDefinition def,
        AlarmSettings s,
        Set<String> topicNames,
        Set<ConfigError> errors) {
      this.config = config;
      this.env = env;
      this.app = app;
      this.def = def;
      this.s = s;
      this.topicNames = topicNames;
      this.errors = errors;
      vars.put("env", env.name());
      vars.put("app", app.name());
      vars.put("alarm", def.name());
      if (env.topic() != null) {
        vars.put("topic", env.topic().value());
      }
    }

    @Nullable ResolvedAlarm resolve() {
      Located<String> logGroupTemplate =
          app.logGroup() != null ? app.logGroup() : config.logGroup();
      if (!s.invalidFields().isEmpty()
          || config.namespace() == null
          || logGroupTemplate == null
          || config.alarmName() == null) {
        return null; // already reported by the binder
      }
      List<String> missing = new ArrayList<>();
      for (AlarmField f : REQUIRED) {
        if (s.get(f) == null) {
          missing.add(f.key());
        }
      }
      if (!missing.isEmpty()) {
        errors.add(
            new ConfigError(
                def.path(),
                def.line(),
                def.column(),
                "missing "
                    + and(missing)
                    + " (set under "
                    + def.path()
                    + ", defaults, the app or an override)"));
        return null;
      }
      String logGroup = Templates.expand(logGroupTemplate.value(), vars);
      String bad = logGroupProblem(logGroup);
      if (bad != null) {
        errors.add(logGroupTemplate.error("log group " + logGroup + " " + bad));
        return null;
      }
      String alarmName = Templates.expand(config.alarmName().value(), vars);
      if (alarmName.length() > 255) {
        errors.add(
            config.alarmName().error("alarm name " + alarmName + " is longer than 255 characters"));
        return null;
      }
      Located<String> metric = req(s.metric());
      String metricName = Templates.expand(metric.value(), vars);

      Map<String, String> fieldDims = new LinkedHashMap<>();
      Map<String, String> staticDims = new LinkedHashMap<>();
      for (Dimension d : s.effectiveDimensions().values()) {
        String v = req(d.value()).value();
        if (d.isFieldReference()) {
          fieldDims.put(d.name().value(), v);
        } else {
          staticDims.put(d.name().value(), Templates.expand(v, vars));
        }
      }
      if (staticDims.size() + fieldDims.size() > 30) {
        errors.add(
            new ConfigError(
                def.path(), def.line(), def.column(), "an alarm watches at most 30 dimensions"));
        return null;
      }
      List<String> alarmActions = topics(s.alarmActions());
      List<String> okActions = topics(s.okActions());
      List<String> insufficient = topics(s.insufficientDataActions());
      if (alarmActions == null || okActions == null || insufficient == null) {
        return null;
      }

      Located<String> pattern = req(s.pattern());
      Double defaultValue = s.defaultValue() == null ? null : s.defaultValue().value();
      String unit = s.unit() == null ? null : s.unit().value();
      MetricFilter filter;
      try {
        MetricTransformation t =
            new MetricTransformation(
                metricName,
                config.namespace().value(),
                req(s.metricValue()).value(),
                defaultValue,
                fieldDims,
                unit);
        filter = MetricFilter.compile(pattern.value(), t, config.patternOptions());
      } catch (FilterPatternException e) {
        errors.add(filterError(e, pattern));
        return null;
      }

      AlarmSpec spec;
      try {
        spec =
            new AlarmSpec(
                alarmName,
                s.description() == null ? null : Templates.expand(s.description().value(), vars),
                config.namespace().value(),
                metricName,
                staticDims,
                req(s.statistic()).value(),
                req(s.period()).value(),
                req(s.evaluationPeriods()).value(),
                s.datapointsToAlarm() == null ? null : s.datapointsToAlarm().value(),
                req(s.comparison()).value(),
                req(s.threshold()).value(),
                s.treatMissingData() == null ? null : s.treatMissingData().value(),
                req(s.actionsEnabled()).value(),
                alarmActions,
                okActions,
                insufficient,
                unit);
      } catch (IllegalArgumentException e) {
        errors.add(specError(e.getMessage() == null ? e.toString() : e.getMessage()));
        return null;
      }
      return new ResolvedAlarm(env.name(), app.name(), def.name(), logGroup, filter, spec);
    }

    /** The topic names of an action list (none when cleared), or null after reporting. */
    private @Nullable List<String> topics(@Nullable Located<List<Located<String>>> list) {
      List<String> out = new ArrayList<>();
      if (list == null) {
        return out;
      }
      boolean ok = true;
      for (Located<String> t : list.value()) {
        if (t.value().contains("{topic}") && env.topic() == null) {
          return null; // the environment's topic is wrong: already reported
        }
        String name = Templates.expand(t.value(), vars);
        if (!topicNames.contains(name)) {
          Located<String> at = t.inFile() ? t : list.inFile() ? list.with(name) : null;
          String msg =
              "unknown topic "
                  + name
                  + " (declare it under environments or topics)"
                  + Suggest.didYouMean(name, topicNames);
          errors.add(
              at != null
                  ? at.error(msg)
                  : new ConfigError(def.path(), def.line(), def.column(), msg));
          ok = false;
        } else if (!out.contains(name)) {
          out.add(name);
        }
      }
      return ok ? out : null;
    }

    private ConfigError filterError(FilterPatternException e, Located<String> pattern) {
      String msg = AlarmSettingsSection.patternMessage(e);
      String lower = msg.toLowerCase(Locale.ROOT);
      Located<?> at = null;
      if (lower.contains("dimension")) {
        for (Dimension d : s.effectiveDimensions().values()) {
          if (d.isFieldReference() && d.name().inFile()) {
            at = d.name();
            break;
          }
        }
      } else if (lower.contains("default")) {
        at = s.defaultValue();
      } else if (lower.contains("value")) {
        at = s.metricValue();
      }
      if (at != null && at.inFile()) {
        return new ConfigError(at.path(), at.line(), at.column(), msg, e.hint());
      }
      return new ConfigError(
          pattern.path(), pattern.line(), pattern.columnAt(e.column()), msg, e.hint());
    }

    private ConfigError specError(String message) {
      Located<?> at = null;
      if (message.startsWith("datapointsToAlarm")) {
        at = s.datapointsToAlarm();
      } else if (message.startsWith("period x evaluationPeriods")) {
        at = s.evaluationPeriods().inFile() ? s.evaluationPeriods() : s.period();
      }
      if (at != null && at.inFile()) {
        return at.error(message);
      }
      return new ConfigError(def.path(), def.line(), def.column(), message);
    }

    private static String and(List<String> items) {
      int n = items.size();
      return n == 1
          ? items.get(0)
          : String.join(", ", items.subList(0, n - 1)) + " and " + items.get(n - 1);
    }

    /** A value checked present by {@link #REQUIRED}. */
    private static <T> T req(@Nullable T value) {
      if (value == null) {
        throw new IllegalStateException("required field missing after the REQUIRED check");
      }
      return value;
    }

    /** Why CloudWatch Logs would reject the log-group name, or null. */
    private static @Nullable String logGroupProblem(String name) {
      if (name.isEmpty() || name.length() > 512) {
        return "must be 1 to 512 characters";
      }
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '-'
                || c == '_'
                || c == '/'
                || c == '#';
        if (!ok) {
          return "contains '" + c + "' (allowed: letters, digits, . - _ / #)";
        }
      }
      return null;
    }
  }
}
