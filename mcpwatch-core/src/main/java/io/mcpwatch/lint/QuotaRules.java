package io.mcpwatch.lint;

import io.mcpwatch.config.McpwatchConfig;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.pattern.FilterPattern;
import io.mcpwatch.pattern.PatternKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CloudWatch Logs quotas per log group (spec 1.5): 100 metric filters, 5 with regexes. */
final class QuotaRules {
  private QuotaRules() {}

  static final String FILTERS = "metric-filters-per-log-group";
  static final String REGEXES = "regex-filters-per-log-group";
  static final int MAX_FILTERS = 100;
  static final int MAX_REGEX_FILTERS = 5;

  static void check(McpwatchConfig config, List<ResolvedAlarm> alarms, Findings out) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (ResolvedAlarm a : alarms) {
      int[] c = counts.computeIfAbsent(a.logGroup(), k -> new int[2]);
      c[0]++;
      if (hasRegex(a.filter().pattern())) {
        c[1]++;
      }
    }
    String path = config.logGroup() == null ? "logGroup" : config.logGroup().path();
    int line = config.logGroup() == null ? 0 : config.logGroup().line();
    int column = config.logGroup() == null ? 0 : config.logGroup().column();
    List<String> tooMany = new ArrayList<>();
    List<String> tooManyRegex = new ArrayList<>();
    counts.forEach(
        (group, c) -> {
          if (c[0] > MAX_FILTERS) {
            tooMany.add(group + " gets " + c[0] + " metric filters");
          }
          if (c[1] > MAX_REGEX_FILTERS) {
            tooManyRegex.add(group + " gets " + c[1] + " metric filters with a %regex%");
          }
        });
    if (!tooMany.isEmpty()) {
      out.add(
          Severity.ERROR,
          FILTERS,
          path,
          line,
          column,
          "log group "
              + example(tooMany)
              + "; CloudWatch Logs allows "
              + MAX_FILTERS
              + " per log group",
          null);
    }
    if (!tooManyRegex.isEmpty()) {
      out.add(
          Severity.ERROR,
          REGEXES,
          path,
          line,
          column,
          "log group "
              + example(tooManyRegex)
              + "; CloudWatch Logs allows "
              + MAX_REGEX_FILTERS
              + " per log group",
          "use term, JSON or space-delimited conditions without regex where you can");
    }
  }

  private static String example(List<String> problems) {
    return problems.get(0)
        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more log groups)" : "");
  }

  static boolean hasRegex(FilterPattern p) {
    if (p.kind() == PatternKind.REGEX) {
      return true;
    }
    if (p.kind() != PatternKind.JSON && p.kind() != PatternKind.DELIMITED) {
      return false;
    }
    String t = p.text();
    int first = t.indexOf('%');
    return first >= 0 && t.indexOf('%', first + 1) > first;
  }
}
