package io.mcpwatch.config;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.pattern.FilterPatternException;
import io.mcpwatch.pattern.MetricFilter;
import io.mcpwatch.pattern.MetricTransformation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Resolves one (environment, app, alarm) combination of {@link ConfigResolver}: substitutes the
 * placeholders, checks names and topics, compiles the metric filter and builds the alarm, reporting
 * each problem at the value that caused it.
 */
final class InstanceResolver {
  private final McpwatchConfig config;
  private final Environment env;
  private final App app;
  private final AlarmDefinition def;
  private final AlarmSettings s;
  private final Set<String> topicNames;
  private final Set<ConfigError> errors;
  private final CompiledFilters filters;
  private final Shared shared;
  private final Map<String, String> vars;

  /**
   * What the combinations of one resolution share: the placeholder map (refilled for each: replacing
   * a value allocates nothing) and the immutable topic lists (the apps of an environment notify
   * the same topics: one list for all of them).
   */
  static final class Shared {
    final Map<String, String> vars = new HashMap<>();
    private final Map<List<String>, List<String>> lists = new HashMap<>();
    private final Map<String, List<String>> singles = new HashMap<>();
    // the last valid log group, for the next alarm of the same app in the same environment: a
    // template without {alarm} gives each of them the same name (then one string for all)
    private @Nullable String logGroupTemplate;
    private @Nullable Environment logGroupEnv;
    private @Nullable App logGroupApp;
    private @Nullable String logGroup;
  }

  InstanceResolver(
      McpwatchConfig config,
      Environment env,
      App app,
      AlarmDefinition def,
      AlarmSettings s,
      Set<String> topicNames,
      Set<ConfigError> errors,
      CompiledFilters filters,
      Shared shared) {
    this.config = config;
    this.env = env;
    this.app = app;
    this.def = def;
    this.s = s;
    this.topicNames = topicNames;
    this.errors = errors;
    this.filters = filters;
    this.shared = shared;
    this.vars = shared.vars;
    setVars(vars, env, app, def);
  }

  /**
   * The placeholders' values of one combination, in a map that the resolution reuses for each
   * (replacing a value allocates nothing).
   */
  static void setVars(Map<String, String> vars, Environment env, App app, AlarmDefinition def) {
    vars.put("env", env.name());
    vars.put("app", app.name());
    vars.put("alarm", def.name());
    if (env.topic() != null) {
      vars.put("topic", env.topic().value());
    } else {
      vars.remove("topic");
    }
  }

  @Nullable ResolvedAlarm resolve() {
    Located<String> logGroupTemplate = app.logGroup() != null ? app.logGroup() : config.logGroup();
    if (!s.invalidFields().isEmpty()
        || config.namespace() == null
        || logGroupTemplate == null
        || config.alarmName() == null) {
      return null; // already reported by the binder
    }
    List<String> missing = new ArrayList<>();
    for (AlarmField f : ConfigResolver.REQUIRED) {
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
    String logGroup;
    String template = logGroupTemplate.value();
    if (template == shared.logGroupTemplate && env == shared.logGroupEnv
        && app == shared.logGroupApp && shared.logGroup != null) {
      logGroup = shared.logGroup; // checked when it was made
    } else {
      logGroup = Templates.expand(template, vars);
      String bad = logGroupProblem(logGroup);
      if (bad != null) {
        errors.add(logGroupTemplate.error("log group " + logGroup + " " + bad));
        return null;
      }
      boolean same = !template.contains("{alarm}");
      shared.logGroupTemplate = same ? template : null;
      shared.logGroupEnv = env;
      shared.logGroupApp = app;
      shared.logGroup = same ? logGroup : null;
    }
    String alarmName = Templates.expand(config.alarmName().value(), vars);
    if (alarmName.length() > 255) {
      errors.add(
          config.alarmName().error("alarm name " + alarmName + " is longer than 255 characters"));
      return null;
    }
    int control = firstControl(alarmName);
    if (control >= 0) {
      errors.add(config.alarmName().error(String.format(Locale.ROOT,
          "alarm name %s contains the control character U+%04X at position %d; CloudWatch"
              + " alarm names are UTF-8 without ASCII control characters",
          printable(alarmName), (int) alarmName.charAt(control), control + 1)));
      return null;
    }
    Located<String> metric = req(s.metric());
    String metricName = Templates.expand(metric.value(), vars);

    // in the order written; most alarms have one static dimension and no field dimension, which
    // need no LinkedHashMap (the AlarmSpec keeps an immutable copy anyway)
    Map<String, String> fieldDims = Map.of();
    Map<String, String> staticDims = Map.of();
    for (Dimension d : s.effectiveDimensions().values()) {
      String v = req(d.value()).value();
      if (d.isFieldReference()) {
        fieldDims = with(fieldDims, d.name().value(), v);
      } else {
        staticDims = with(staticDims, d.name().value(), Templates.expand(v, vars));
      }
    }
    Map<String, String> alarmDims =
        s.effectiveAlarmDimensions().isEmpty() ? staticDims : new LinkedHashMap<>(staticDims);
    boolean watchedOk = true;
    for (Dimension w : s.effectiveAlarmDimensions().values()) {
      String name = w.name().value();
      if (fieldDims.containsKey(name)) {
        alarmDims.put(name, Templates.expand(req(w.value()).value(), vars));
        continue;
      }
      watchedOk = false;
      String msg;
      Dimension d = s.effectiveDimensions().get(name);
      if (d != null) {
        msg =
            name
                + " is a static dimension ("
                + name
                + " = "
                + req(d.value()).value()
                + " under dimensions), which the alarm already watches; alarmDimensions names the"
                + " value of a field dimension (one written as "
                + name
                + ": $field under dimensions)";
      } else {
        msg =
            "the alarm's metric has no field dimension "
                + name
                + (fieldDims.isEmpty()
                    ? " (it has none)"
                    : " (it has " + String.join(", ", fieldDims.keySet()) + ")")
                + "; alarmDimensions names the value to watch for a dimension written as "
                + name
                + ": $field under dimensions"
                + Suggest.didYouMean(name, fieldDims.keySet());
      }
      errors.add(
          w.name().inFile()
              ? w.name().error(msg)
              : new ConfigError(def.path(), def.line(), def.column(), msg));
    }
    if (!watchedOk) {
      return null;
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
      filter = filters.filter(pattern.value(), t);
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
              alarmDims,
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

  /**
   * The topic names of an action list (none when cleared), or null after reporting; an immutable
   * list that the resolution's other alarms with the same topics share.
   */
  private @Nullable List<String> topics(@Nullable Located<List<Located<String>>> list) {
    if (list == null || list.value().isEmpty()) {
      return List.of();
    }
    if (list.value().size() == 1) {
      Located<String> t = list.value().get(0);
      if (!t.value().contains("{topic}") || env.topic() != null) {
        String name = Templates.expand(t.value(), vars);
        if (topicNames.contains(name)) {
          return shared.singles.computeIfAbsent(name, List::of);
        }
      } // else reported below, as for a longer list
    }
    List<String> out = new ArrayList<>();
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
    if (!ok) {
      return null;
    }
    return shared.lists.computeIfAbsent(out, List::copyOf);
  }

  /** {@code m} with {@code name = value} added at the end (a new map when {@code m} is immutable). */
  private static Map<String, String> with(Map<String, String> m, String name, String value) {
    if (m.isEmpty()) {
      return Map.of(name, value);
    }
    Map<String, String> out = m instanceof LinkedHashMap ? m : new LinkedHashMap<>(m);
    out.put(name, value);
    return out;
  }

  private ConfigError filterError(FilterPatternException e, Located<String> pattern) {
    String msg = AlarmSettingsSection.patternMessage(e);
    String lower = msg.toLowerCase(Locale.ROOT);
    Located<?> at = null;
    if (lower.contains("dimension")) {
      for (Dimension d : s.effectiveDimensions().values()) {
        if (d.isFieldReference() && d.name().inFile()) {
          if (at == null || msg.contains("dimension " + d.name().value() + " ")) {
            at = d.name(); // the dimension the message names, else the first
          }
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

  /** A value checked present by {@link ConfigResolver#REQUIRED}. */
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
    int bad = LogGroupNames.firstDisallowed(name);
    if (bad >= 0) {
      char c = name.charAt(bad);
      return "contains '" + c + "' (allowed: letters, digits, . - _ / #)";
    }
    return null;
  }

  /** The index of the first ASCII control character (U+0000-U+001F, U+007F), or -1. */
  static int firstControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return i;
      }
    }
    return -1;
  }

  /** {@code s} quoted with its control characters shown as a backslash-u escape (one line). */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
