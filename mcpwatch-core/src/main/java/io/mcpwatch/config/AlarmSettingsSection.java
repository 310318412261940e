package io.mcpwatch.config;

import io.mcpwatch.pattern.StandardUnit;

import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.pattern.FilterPattern;
import io.mcpwatch.pattern.FilterPatternException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds the alarm fields ({@link AlarmField}) of one map: {@code defaults}, an {@code alarms}
 * entry, an app's alarm, or an override. Patterns are compiled here, so that their errors point at
 * the pattern where it is written.
 */
final class AlarmSettingsSection {
  private AlarmSettingsSection() {}

  static final Set<String> NAME_VARS = Set.of("env", "app", "alarm");
  static final Set<String> TOPIC_VARS = Set.of("env", "app", "alarm", "topic");

  /** CloudWatch StandardUnit values. */
  static final List<String> UNITS = StandardUnit.NAMES;

  /** Consumes every alarm field of {@code map} (other keys are left to the caller). */
  static AlarmSettings bind(MapReader map, BindContext ctx) {
    AlarmSettings.Builder b = AlarmSettings.builder();
    for (AlarmField f : AlarmField.values()) {
      ConfigNode node = map.take(f.key());
      if (node == null) {
        continue;
      }
      String path = map.path(f.key());
      if (Values.isNull(node)) {
        b.clear(f);
        continue;
      }
      if (f == AlarmField.DIMENSIONS) {
        if (!dimensions(node, path, ctx, b)) {
          b.invalid(f);
        }
        continue;
      }
      if (f == AlarmField.ALARM_DIMENSIONS) {
        if (!alarmDimensions(node, path, ctx, b)) {
          b.invalid(f);
        }
        continue;
      }
      Located<?> v = field(f, node, path, ctx);
      if (v == null) {
        b.invalid(f);
        if (f == AlarmField.PATTERN && node instanceof ConfigNode.ScalarNode) {
          // keep the text of an invalid pattern for the linter's explanation
          b.set(f, Located.at(((ConfigNode.ScalarNode) node).text(), path, node));
        }
      } else {
        b.set(f, v);
      }
    }
    return b.build();
  }

  private static @Nullable Located<?> field(
      AlarmField f, ConfigNode node, String path, BindContext ctx) {
    switch (f) {
      case METRIC:
        return metricName(node, path, ctx);
      case PATTERN:
        return pattern(node, path, ctx);
      case METRIC_VALUE:
        return metricValue(node, path, ctx);
      case DEFAULT_VALUE:
      case THRESHOLD:
        return Values.number(node, path, ctx);
      case UNIT:
        return unit(node, path, ctx);
      case DESCRIPTION:
        return maxLength(Values.string(node, path, ctx), 1024, ctx);
      case STATISTIC:
        if (isText(node, "p") || isText(node, "tm") || isText(node, "IQM")) {
          ctx.error(
              path,
              node,
              "extended statistics (percentiles and trimmed means) are not supported; expected one"
                  + " of SampleCount, Average, Sum, Minimum, Maximum");
          return null;
        }
        return Values.enumValue(node, path, ctx, Statistic.class);
      case PERIOD:
        return period(node, path, ctx);
      case EVALUATION_PERIODS:
      case DATAPOINTS_TO_ALARM:
        return Values.integer(node, path, ctx, 1);
      case COMPARISON:
        if (isText(node, "LessThanLower") || isText(node, "GreaterThanUpper")) {
          ctx.error(
              path,
              node,
              "anomaly-detection operators are not supported; expected one of"
                  + " GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold,"
                  + " LessThanOrEqualToThreshold");
          return null;
        }
        return Values.enumValue(node, path, ctx, ComparisonOperator.class);
      case TREAT_MISSING_DATA:
        return Values.enumValue(node, path, ctx, TreatMissingData.class);
      case ACTIONS_ENABLED:
      case ENABLED:
        return Values.bool(node, path, ctx);
      case ALARM_ACTIONS:
      case OK_ACTIONS:
      case INSUFFICIENT_DATA_ACTIONS:
        return actions(node, path, ctx);
      default:
        throw new AssertionError(f);
    }
  }

  private static boolean isText(ConfigNode node, String prefix) {
    return node instanceof ConfigNode.ScalarNode
        && ((ConfigNode.ScalarNode) node).text().startsWith(prefix);
  }

  private static @Nullable Located<String> maxLength(
      @Nullable Located<String> s, int max, BindContext ctx) {
    if (s != null && s.value().length() > max) {
      ctx.add(s.error("must be at most " + max + " characters, found " + s.value().length()));
      return null;
    }
    return s;
  }

  private static @Nullable Located<String> metricName(
      ConfigNode node, String path, BindContext ctx) {
    Located<String> s = maxLength(Values.nonEmpty(node, path, ctx), 255, ctx);
    if (s == null) {
      return null;
    }
    for (int i = 0; i < s.value().length(); i++) {
      char c = s.value().charAt(i);
      if (c == ':' || c == '*' || c == '$') {
        ctx.error(path, s.line(), s.columnAt(i + 1), "a metric name must not contain '" + c + "'");
        return null;
      }
    }
    return Templates.check(s, NAME_VARS, ctx) ? s : null;
  }

  private static @Nullable Located<String> pattern(ConfigNode node, String path, BindContext ctx) {
    Located<String> s = maxLength(Values.string(node, path, ctx), 1024, ctx);
    if (s == null) {
      return null;
    }
    try {
      FilterPattern.compile(s.value(), ctx.patternOptions());
    } catch (FilterPatternException e) {
      ctx.add(new ConfigError(path, s.line(), s.columnAt(e.column()), patternMessage(e), e.hint()));
      return null;
    }
    return s;
  }

  /** {@code AWS message: detail}. */
  static String patternMessage(FilterPatternException e) {
    return e.detail().isEmpty() ? e.awsMessage() : e.awsMessage() + ": " + e.detail();
  }

  private static @Nullable Located<String> metricValue(
      ConfigNode node, String path, BindContext ctx) {
    Located<String> s = maxLength(Values.nonEmpty(node, path, ctx), 100, ctx);
    if (s == null) {
      return null;
    }
    String v = s.value();
    if (!Values.isNumber(v) && !(v.startsWith("$") && v.length() > 1)) {
      ctx.error(
          path,
          node,
          "expected a number or a field reference ($name, $3, $.path), found " + node.describe());
      return null;
    }
    return s;
  }

  private static @Nullable Located<String> unit(ConfigNode node, String path, BindContext ctx) {
    Located<String> s = Values.string(node, path, ctx);
    if (s != null && !UNITS.contains(s.value())) {
      ctx.error(
          path,
          node,
          "expected a CloudWatch unit (Count, Seconds, Milliseconds, Bytes, Percent, None, ...),"
              + " found "
              + node.describe()
              + Suggest.didYouMean(s.value(), UNITS));
      return null;
    }
    return s;
  }

  private static @Nullable Located<Integer> period(ConfigNode node, String path, BindContext ctx) {
    Located<Integer> p = Values.integer(node, path, ctx, 1);
    if (p == null) {
      return null;
    }
    int v = p.value();
    if (!(v == 10 || v == 20 || v == 30 || v % 60 == 0)) {
      ctx.error(path, node, "expected 10, 20, 30 or a multiple of 60 (seconds), found " + v);
      return null;
    }
    return p;
  }

  private static @Nullable Located<List<Located<String>>> actions(
      ConfigNode node, String path, BindContext ctx) {
    List<ConfigNode> items = Values.list(node, path, ctx);
    if (items == null) {
      return null;
    }
    if (items.size() > 5) {
      ctx.error(path, node, "at most 5 topics per action list, found " + items.size());
      return null;
    }
    List<Located<String>> topics = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      Located<String> t = Values.nonEmpty(items.get(i), BindContext.index(path, i), ctx);
      if (t == null || !Templates.check(t, TOPIC_VARS, ctx)) {
        ok = false;
      } else {
        topics.add(t);
      }
    }
    return ok ? Located.at(List.copyOf(topics), path, node) : null;
  }

  private static boolean dimensions(
      ConfigNode node, String path, BindContext ctx, AlarmSettings.Builder b) {
    if (!(node instanceof ConfigNode.MapNode)) {
      ctx.error(path, node, "expected a map of dimension name to value, found " + node.describe());
      return false;
    }
    boolean ok = true;
    MapReader map = MapReader.of(node, path, ctx);
    for (ConfigNode.Entry e : map.all()) {
      String p = map.path(e.key());
      Located<String> name = dimensionName(e, p, ctx);
      if (name == null) {
        ok = false;
        continue;
      }
      if (Values.isNull(e.value())) {
        b.dimension(new Dimension(name, null));
        continue;
      }
      Located<String> value = maxLength(Values.nonEmpty(e.value(), p, ctx), 255, ctx);
      if (value == null
          || (!value.value().startsWith("$") && !Templates.check(value, NAME_VARS, ctx))) {
        ok = false;
        continue;
      }
      b.dimension(new Dimension(name, value));
    }
    return ok;
  }

  /**
   * {@code alarmDimensions}: dimension name to the value the alarm watches (a literal, with
   * placeholders); whether each name is a field dimension is checked once the levels are merged.
   */
  private static boolean alarmDimensions(
      ConfigNode node, String path, BindContext ctx, AlarmSettings.Builder b) {
    if (!(node instanceof ConfigNode.MapNode)) {
      ctx.error(
          path,
          node,
          "expected a map of field dimension name to the value the alarm watches (Status: \"404\"),"
              + " found "
              + node.describe());
      return false;
    }
    boolean ok = true;
    MapReader map = MapReader.of(node, path, ctx);
    for (ConfigNode.Entry e : map.all()) {
      String p = map.path(e.key());
      Located<String> name = dimensionName(e, p, ctx);
      if (name == null) {
        ok = false;
        continue;
      }
      if (Values.isNull(e.value())) {
        b.alarmDimension(new Dimension(name, null));
        continue;
      }
      Located<String> value = maxLength(Values.nonEmpty(e.value(), p, ctx), 255, ctx);
      if (value == null) {
        ok = false;
        continue;
      }
      if (value.value().startsWith("$")) {
        ctx.add(
            value.error(
                "expected the value the alarm watches, e.g. \"404\", found the field reference "
                    + value.value()
                    + " (the field goes under dimensions: "
                    + e.key()
                    + ": "
                    + value.value()
                    + ")"));
        ok = false;
        continue;
      }
      if (!Templates.check(value, NAME_VARS, ctx)) {
        ok = false;
        continue;
      }
      b.alarmDimension(new Dimension(name, value));
    }
    return ok;
  }

  /** The entry's key as a dimension name, or null after reporting why it cannot be one. */
  private static @Nullable Located<String> dimensionName(
      ConfigNode.Entry e, String path, BindContext ctx) {
    if (e.key().isEmpty() || e.key().length() > 255 || e.key().startsWith(":")) {
      ctx.error(
          path,
          e.line(),
          e.column(),
          "a dimension name must be 1 to 255 characters, not starting with ':'");
      return null;
    }
    return new Located<>(e.key(), path, e.line(), e.column(), e.column());
  }
}
