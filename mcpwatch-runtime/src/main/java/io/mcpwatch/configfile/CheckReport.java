package io.mcpwatch.configfile;

import io.mcpwatch.config.ConfigError;
import io.mcpwatch.lint.Finding;
import io.mcpwatch.lint.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a {@link ConfigCheck}: configuration errors and lint findings in document order (what
 * concerns the whole file last), each problem once, one line each ({@code FILE:LINE:COL: severity: key.path: message}) with an indented {@code
 * suggestion:} line, and a closing summary; or the same as JSON.
 */
public final class CheckReport {
  private CheckReport() {}

  /**
   * The JSON report's mapper, built on its first use: a databind mapper loads some 400 classes
   * (~30 ms of {@code validate}'s 0.2 s on a cold JVM), which the text report never needs.
   */
  private static final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();
  }

  /** Rule id of configuration (schema, pattern, resolution) errors. */
  public static final String CONFIG_RULE = "config";

  /**
   * The errors and findings as one list, sorted by line and column, with what concerns the whole
   * file (no line) last. A configuration error that a lint error at the same key and line explains
   * (AWS's "Invalid character(s) in term" for {@code 4??}, which lint explains as "not a
   * wildcard") is reported once, as the lint error.
   */
  public static List<Finding> entries(ConfigCheck check) {
    List<Finding> out = new ArrayList<>();
    for (ConfigError e : check.errors()) {
      boolean same =
          check.findings().stream()
              .anyMatch(
                  f -> f.severity() == Severity.ERROR
                      && f.path().equals(e.path())
                      && f.line() == e.line());
      if (same) {
        continue;
      }
      // a lint finding at the same place explains the problem better than the pattern's own hint
      boolean explained =
          check.findings().stream()
              .anyMatch(f -> f.path().equals(e.path()) && f.line() == e.line());
      out.add(
          new Finding(
              Severity.ERROR,
              CONFIG_RULE,
              e.path(),
              e.line(),
              e.column(),
              e.message(),
              explained ? null : e.hint()));
    }
    out.addAll(check.findings());
    out.sort(
        java.util.Comparator.<Finding>comparingInt(f -> f.line() > 0 ? 0 : 1)
            .thenComparingInt(Finding::line)
            .thenComparingInt(Finding::column)); // stable: same place keeps its order
    return out;
  }

  /** The errors as reported ({@link #entries}: a problem reported twice counts once). */
  static long errors(ConfigCheck check) {
    return entries(check).stream().filter(f -> f.severity() == Severity.ERROR).count();
  }

  public static String text(ConfigCheck check) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : entries(check)) {
      sb.append(check.file());
      if (f.line() > 0) {
        sb.append(':').append(f.line()).append(':').append(f.column());
      }
      sb.append(": ").append(f.severity().label()).append(": ");
      if (!f.path().isEmpty()) {
        sb.append(f.path()).append(": ");
      }
      sb.append(f.message()).append('\n');
      if (f.suggestion() != null) {
        sb.append("  suggestion: ").append(f.suggestion()).append('\n');
      }
    }
    sb.append(summary(check)).append('\n');
    return sb.toString();
  }

  /** {@code FILE: 2 errors, 1 warning, 1 info; 30 alarms resolved}, or {@code FILE: ok; ...}. */
  public static String summary(ConfigCheck check) {
    long errors = errors(check);
    long warnings = check.count(Severity.WARNING);
    long infos = check.count(Severity.INFO);
    String counts =
        errors + warnings + infos == 0
            ? "ok"
            : plural(errors, "error")
                + ", "
                + plural(warnings, "warning")
                + ", "
                + plural(infos, "info");
    return check.file() + ": " + counts + "; " + plural(check.alarmCount(), "alarm") + " resolved";
  }

  public static String json(ConfigCheck check) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("file", check.file());
    root.put("errors", errors(check));
    root.put("warnings", check.count(Severity.WARNING));
    root.put("infos", check.count(Severity.INFO));
    root.put("alarms", check.alarmCount());
    root.put("exitCode", check.exitCode());
    List<Map<String, Object>> list = new ArrayList<>();
    for (Finding f : entries(check)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", f.severity().label());
      m.put("rule", f.rule());
      m.put("path", f.path());
      m.put("line", f.line());
      m.put("column", f.column());
      m.put("message", f.message());
      if (f.suggestion() != null) {
        m.put("suggestion", f.suggestion());
      }
      list.add(m);
    }
    root.put("findings", list);
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  static String plural(long n, String word) {
    return String.format(Locale.ROOT, "%d %s%s", n, word, n == 1 ? "" : "s");
  }
}
