package io.mcpwatch.terraform;

import io.mcpwatch.config.BindResult;
import io.mcpwatch.config.ConfigBinder;
import io.mcpwatch.config.ConfigError;
import io.mcpwatch.config.ConfigNode;
import io.mcpwatch.config.ConfigResolver;
import io.mcpwatch.config.Resolution;
import io.mcpwatch.lint.Finding;
import io.mcpwatch.lint.Linter;
import io.mcpwatch.lint.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code mcpwatch validate PATH} for Terraform: the configuration errors and lint findings of the
 * imported configuration, each moved to the {@code .tf} attribute it came from, with AWS's own
 * error text where AWS would reject the resource at apply time and the fix written as HCL.
 */
public final class TerraformLint {
  private TerraformLint() {}

  /** Rule of configuration (schema, pattern) errors, as in {@code validate}'s report. */
  static final String CONFIG_RULE = "config";

  /** Sections of the mcpwatch service, which have no place in Terraform: their findings are left out. */
  private static final Set<String> SERVICE_SECTIONS =
      Set.of("sources", "storage", "http", "smtp", "notifications", "engine");

  /** AWS's PutMetricFilter error for dimensions on a term pattern (InvalidParameterException). */
  static final String AWS_TERM_DIMENSIONS = "The specified filter pattern does not support dimensions";

  /** AWS's error for a static dimension value on a JSON or space-delimited pattern. */
  static final String AWS_STATIC_DIMENSION =
      "Invalid metric transformation: dimension value must be a valid selector";

  /**
   * One finding at a {@code .tf} position.
   *
   * @param at where in the .tf files, or null when the finding is about something the import
   *     added (then {@code path} names it in the imported configuration)
   * @param awsError what AWS answers when Terraform applies it, or null
   * @param hclFix the fix as HCL, or null
   */
  public record TfFinding(
      Severity severity,
      String rule,
      ImportedConfig.@Nullable TfPosition at,
      String path,
      String message,
      @Nullable String awsError,
      @Nullable String hclFix,
      @Nullable String suggestion) {

    /** {@code file:line:col: error: message} and indented lines for AWS's error and the fix. */
    public String render() {
      StringBuilder sb = new StringBuilder();
      sb.append(at == null ? "(imported configuration, " + path + ")" : at.toString())
          .append(": ")
          .append(severity.label())
          .append(": ")
          .append(message)
          .append('\n');
      if (awsError != null) {
        sb.append("  AWS rejects it at apply time: InvalidParameterException: ")
            .append(awsError)
            .append('\n');
      }
      if (hclFix != null) {
        sb.append("  fix: ").append(hclFix.replace("\n", "\n       ")).append('\n');
      } else if (suggestion != null) {
        sb.append("  suggestion: ").append(suggestion).append('\n');
      }
      return sb.toString();
    }
  }

  /** Binds, resolves and lints {@code c} with core alone (no file-system checks). */
  public static List<TfFinding> check(ImportedConfig c) {
    BindResult bound = ConfigBinder.bind(c.root());
    Resolution resolution = ConfigResolver.resolve(bound.config());
    List<ConfigError> errors = new ArrayList<>(bound.errors());
    errors.addAll(resolution.errors());
    return map(c, errors, Linter.lint(bound.config(), resolution));
  }

  /**
   * Moves {@code errors} and {@code findings} (positions in {@code c.yaml()}) to the .tf files.
   * An error and a finding at the same place become one entry: the finding's explanation with the
   * error's AWS text.
   */
  public static List<TfFinding> map(
      ImportedConfig c, List<ConfigError> errors, List<Finding> findings) {
    Map<String, TfFinding> out = new LinkedHashMap<>();
    Map<String, String> awsByPlace = new LinkedHashMap<>();
    for (ConfigError e : errors) {
      String aws = awsText(e.message());
      if (aws != null) {
        awsByPlace.put(e.path() + "@" + e.line(), aws);
      }
    }
    for (Finding f : findings) {
      String section = f.path().contains(".") ? f.path().substring(0, f.path().indexOf('.')) : f.path();
      if (SERVICE_SECTIONS.contains(section)) {
        continue;
      }
      ImportedConfig.TfPosition at = f.line() > 0 ? c.locate(f.line(), f.column()) : null;
      if (at == null && f.rule().equals("topic-without-subscribers")) {
        continue; // the topic was made up by the import (a module read without its root)
      }
      String aws = awsByPlace.remove(f.path() + "@" + f.line());
      Severity severity = f.severity();
      String message = f.message();
      String fix = null;
      if (f.rule().equals("static-dimension")) {
        severity = Severity.ERROR;
        boolean term = isTermPattern(c, f.path());
        aws = term ? AWS_TERM_DIMENSIONS : AWS_STATIC_DIMENSION;
        message =
            "a metric filter cannot set a static dimension value ("
                + dimensionName(f.path())
                + " = "
                + source(c, f)
                + "): dimension values must be fields of the log event ($.field, or a named field of"
                + " a space-delimited pattern)"
                + (term ? ", and this pattern is a term pattern without fields" : "");
        fix = staticDimensionFix(c, f);
      } else if (f.rule().equals("field-dimension-unwatched")) {
        String name = dimensionName(f.path());
        String alarm = alarmKey(f.path());
        fix =
            "in aws_cloudwatch_metric_alarm"
                + (alarm == null ? "" : " (" + alarm + ")")
                + ", name the value to watch: dimensions = { "
                + name
                + " = \"<value>\" } (one alarm per value), or remove "
                + name
                + " from the filter's metric_transformation dimensions to count every matching"
                + " event in one metric";
      } else if (f.rule().equals("alarm-dimension-number-text") && f.suggestion() != null) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("\"([^\"]*)\" }$").matcher(f.suggestion());
        String alarm = alarmKey(f.path());
        if (m.find()) {
          fix =
              "in aws_cloudwatch_metric_alarm"
                  + (alarm == null ? "" : " (" + alarm + ")")
                  + ", write the value as the logs write it: dimensions = { "
                  + dimensionName(f.path())
                  + " = \""
                  + m.group(1)
                  + "\" }";
        }
      } else if (f.path().endsWith(".pattern") && f.suggestion() != null) {
        String p = leadingPattern(f.suggestion());
        if (p != null) {
          fix = "pattern = " + hclString(p);
        }
      }
      add(out, new TfFinding(severity, f.rule(), at, f.path(), message, aws, fix, f.suggestion()));
    }
    for (ConfigError e : errors) {
      String aws = awsByPlace.get(e.path() + "@" + e.line());
      boolean explained = false;
      for (Finding f : findings) {
        explained |= f.path().equals(e.path()) && f.line() == e.line();
      }
      if (explained) {
        continue;
      }
      ImportedConfig.TfPosition at = e.line() > 0 ? c.locate(e.line(), e.column()) : null;
      String fix = null;
      if (e.path().endsWith(".pattern") && e.hint() != null) {
        String p = embeddedPattern(e.hint());
        if (p != null) {
          fix = "pattern = " + hclString(p);
        }
      }
      add(
          out,
          new TfFinding(Severity.ERROR, CONFIG_RULE, at, e.path(), e.message(), aws, fix, e.hint()));
    }
    List<TfFinding> list = new ArrayList<>(out.values());
    list.sort(
        (a, b) -> {
          String fa = a.at() == null ? "" : a.at().file();
          String fb = b.at() == null ? "" : b.at().file();
          int r = fa.compareTo(fb);
          if (r != 0) {
            return r;
          }
          int la = a.at() == null ? 0 : a.at().line();
          int lb = b.at() == null ? 0 : b.at().line();
          if (la != lb) {
            return Integer.compare(la, lb);
          }
          return Integer.compare(
              a.at() == null ? 0 : a.at().column(), b.at() == null ? 0 : b.at().column());
        });
    return list;
  }

  /** One entry per .tf place and rule (a module value is checked once per app and env). */
  private static void add(Map<String, TfFinding> out, TfFinding f) {
    out.putIfAbsent(f.rule() + "@" + f.at() + "@" + (f.at() == null ? f.path() : ""), f);
  }

  /** 0 for an error, 1 for warnings only, 0 otherwise: as {@code validate}. */
  public static int exitCode(List<TfFinding> findings) {
    boolean warning = false;
    for (TfFinding f : findings) {
      if (f.severity() == Severity.ERROR) {
        return 2;
      }
      warning |= f.severity() == Severity.WARNING;
    }
    return warning ? 1 : 0;
  }

  /** AWS's message at the start of a pattern error ("Invalid character(s) in term: ..."). */
  private static @Nullable String awsText(String message) {
    for (String known :
        List.of(
            "Invalid character(s) in term",
            "Invalid filter pattern",
            "Invalid metric transformation")) {
      if (message.startsWith(known)) {
        return known;
      }
    }
    return null;
  }

  private static String dimensionName(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }

  private static String source(ImportedConfig c, Finding f) {
    ImportedConfig.Source s = sourceOf(c, f.line(), f.column());
    return s == null ? "?" : c.text(s.src());
  }

  private static ImportedConfig.@Nullable Source sourceOf(ImportedConfig c, int line, int column) {
    java.util.TreeMap<Integer, ImportedConfig.Source> onLine = c.sourceMap().get(line);
    if (onLine == null) {
      return null;
    }
    Map.Entry<Integer, ImportedConfig.Source> e = onLine.floorEntry(column);
    return e == null ? onLine.firstEntry().getValue() : e.getValue();
  }

  /** Per-app metric names: the identity AWS can express (see TerraformExport). */
  private static String staticDimensionFix(ImportedConfig c, Finding f) {
    String alarm = alarmKey(f.path());
    String metric = alarm == null ? null : scalar(c.root(), "alarms", alarm, "metric");
    String value = source(c, f);
    String inName;
    if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
      inName = value.substring(1, value.length() - 1);
    } else {
      inName = "${" + value + "}";
    }
    return "in metric_transformation, remove dimensions and name the metric per app:"
        + " name = \""
        + inName
        + "-"
        + (metric == null ? "METRIC" : metric)
        + "\"; in the alarm, remove dimensions (metric_name follows the filter)";
  }

  private static boolean isTermPattern(ImportedConfig c, String path) {
    String alarm = alarmKey(path);
    String p = alarm == null ? null : scalar(c.root(), "alarms", alarm, "pattern");
    if (p == null) {
      return true;
    }
    String t = p.strip();
    return !(t.startsWith("[") || t.startsWith("{"));
  }

  private static @Nullable String alarmKey(String path) {
    if (!path.startsWith("alarms.")) {
      return null;
    }
    String rest = path.substring("alarms.".length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static @Nullable String scalar(ConfigNode node, String... keys) {
    ConfigNode n = node;
    for (String k : keys) {
      if (!(n instanceof ConfigNode.MapNode)) {
        return null;
      }
      ConfigNode next = null;
      for (ConfigNode.Entry e : ((ConfigNode.MapNode) n).entries()) {
        if (e.key().equals(k)) {
          next = e.value();
        }
      }
      if (next == null) {
        return null;
      }
      n = next;
    }
    return n instanceof ConfigNode.ScalarNode ? ((ConfigNode.ScalarNode) n).text() : null;
  }

  /** The pattern a lint suggestion starts with ({@code [level, ...] counts ...}), or null. */
  static @Nullable String leadingPattern(String suggestion) {
    String s = suggestion.strip();
    if (s.isEmpty() || (s.charAt(0) != '[' && s.charAt(0) != '{' && s.charAt(0) != '"')) {
      return null;
    }
    int end = balanced(s, 0);
    return end < 0 ? null : s.substring(0, end);
  }

  /** The pattern after "pattern " in an error hint ("use the space-delimited pattern [...]"). */
  static @Nullable String embeddedPattern(String hint) {
    int at = hint.indexOf("pattern [");
    if (at < 0) {
      at = hint.indexOf("pattern {");
    }
    if (at < 0) {
      return null;
    }
    int start = at + "pattern ".length();
    int end = balanced(hint, start);
    return end < 0 ? null : hint.substring(start, end);
  }

  /** The end (exclusive) of the bracketed or quoted text starting at {@code from}, or -1. */
  private static int balanced(String s, int from) {
    char open = s.charAt(from);
    if (open == '"') {
      for (int i = from + 1; i < s.length(); i++) {
        if (s.charAt(i) == '\\') {
          i++;
        } else if (s.charAt(i) == '"') {
          return i + 1;
        }
      }
      return -1;
    }
    int depth = 0;
    boolean quoted = false;
    for (int i = from; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quoted) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          quoted = false;
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == '[' || ch == '{') {
        depth++;
      } else if (ch == ']' || ch == '}') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
    }
    return -1;
  }

  /** {@code s} as an HCL quoted string ({@code "}, {@code \}, {@code ${} and {@code %{} escaped). */
  public static String hclString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if ((c == '$' || c == '%') && i + 1 < s.length() && s.charAt(i + 1) == '{') {
        sb.append(c).append(c);
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
