package io.mcpwatch.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Placeholders such as {@code {env}}, {@code {app}}, {@code {alarm}} and {@code {topic}} in names
 * (log groups, alarm names, metric names, static dimension values, topics).
 */
final class Templates {
  private Templates() {}

  /** Reports every {@code {word}} that is not one of {@code allowed}, and unclosed braces. */
  static boolean check(Located<String> template, Set<String> allowed, BindContext ctx) {
    String t = template.value();
    boolean ok = true;
    int i = 0;
    while ((i = t.indexOf('{', i)) >= 0) {
      int end = t.indexOf('}', i);
      if (end < 0) {
        ctx.error(
            template.path(),
            template.line(),
            template.columnAt(i + 1),
            "unclosed '{' in " + ConfigNode.ScalarNode.quote(t));
        return false;
      }
      String name = t.substring(i + 1, end);
      if (!allowed.contains(name)) {
        StringBuilder known = new StringBuilder();
        for (String a : new TreeSet<>(allowed)) {
          known.append(known.length() == 0 ? "" : ", ").append('{').append(a).append('}');
        }
        ctx.error(
            template.path(),
            template.line(),
            template.columnAt(i + 1),
            "unknown placeholder {"
                + name
                + "} (known: "
                + known
                + ")"
                + Suggest.didYouMean(name, allowed));
        ok = false;
      }
      i = end + 1;
    }
    return ok;
  }

  /**
   * Replaces each known {@code {key}} by its value; anything else stays as written. A template
   * that is one known placeholder and nothing else ({@code {app}}, {@code {topic}}) gives the
   * value itself: 10,000 alarms' dimension values and actions share their app's and topic's
   * string instead of a copy each.
   */
  static String expand(String template, Map<String, String> vars) {
    int open = template.indexOf('{');
    if (open < 0) {
      return template;
    }
    if (open == 0 && template.indexOf('}') == template.length() - 1) {
      String whole = vars.get(template.substring(1, template.length() - 1));
      if (whole != null) {
        return whole;
      }
    }
    StringBuilder sb = new StringBuilder(template.length() + 16);
    int from = 0;
    while (open >= 0) {
      int end = template.indexOf('}', open + 1);
      if (end < 0) {
        break;
      }
      String value = vars.get(template.substring(open + 1, end));
      if (value == null) {
        // not a placeholder: the '{' stays, and a placeholder may start after it
        open = template.indexOf('{', open + 1);
        continue;
      }
      sb.append(template, from, open).append(value);
      from = end + 1;
      open = template.indexOf('{', from);
    }
    return sb.append(template, from, template.length()).toString();
  }
}
