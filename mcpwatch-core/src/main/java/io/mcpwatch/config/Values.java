package io.mcpwatch.config;

import io.mcpwatch.config.ConfigNode.ScalarNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Scalar conversions for the binders. Each reports a mistake as {@code expected X, found Y} at the
 * node and returns null, so that binding goes on and every error is collected.
 *
 * <p>A string or number value written as exactly {@code ${NAME}} is the value of environment
 * variable NAME ({@link #deref}); {@code $${...}} is the literal text {@code ${...}}. Messages
 * about such a value show {@code ${NAME}}, never what it resolved to.
 */
final class Values {
  private Values() {}

  static boolean isNull(ConfigNode node) {
    return node instanceof ScalarNode && ((ScalarNode) node).type() == ScalarNode.Type.NULL;
  }

  /**
   * {@code node} with a {@code ${NAME}} reference replaced by the variable's value (a string scalar
   * at the same position, with no verbatim text column), {@code $${...}} unescaped, or {@code node}
   * itself. Null, with an error naming the key and the variable, when the variable is not set.
   */
  static @Nullable ConfigNode deref(ConfigNode node, String path, BindContext ctx) {
    if (!(node instanceof ScalarNode) || ((ScalarNode) node).type() != ScalarNode.Type.STRING) {
      return node;
    }
    ScalarNode s = (ScalarNode) node;
    String text = s.text();
    if (text.startsWith("$${") && text.endsWith("}")) {
      return new ScalarNode(text.substring(1), s.type(), s.line(), s.column(), 0);
    }
    String name = variableName(text);
    if (name == null) {
      return node;
    }
    String value = ctx.variable(name);
    if (value == null) {
      ctx.error(
          path,
          node,
          "environment variable " + name + " is not set (the value is written as ${" + name + "})");
      return null;
    }
    return new ScalarNode(value, ScalarNode.Type.STRING, s.line(), s.column(), 0);
  }

  /** NAME when {@code text} is exactly {@code ${NAME}} (letters, digits, _), else null. */
  static @Nullable String variableName(String text) {
    if (!text.startsWith("${") || !text.endsWith("}") || text.length() < 4) {
      return null;
    }
    String name = text.substring(2, text.length() - 1);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || c == '_'
              || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return null;
      }
    }
    return name;
  }

  /** Any non-null scalar as text (numbers and booleans keep the text they were written with). */
  static @Nullable Located<String> string(ConfigNode node, String path, BindContext ctx) {
    if (node instanceof ScalarNode && !isNull(node)) {
      ConfigNode value = deref(node, path, ctx);
      if (value == null) {
        return null;
      }
      ScalarNode s = (ScalarNode) value;
      return new Located<>(s.text(), path, s.line(), s.column(), s.textColumn());
    }
    ctx.error(path, node, "expected a string, found " + node.describe());
    return null;
  }

  /**
   * A secret (password, token): any non-empty scalar, usually {@code ${NAME}}. No message ever
   * shows the value; a {@code ${} that is not the whole value is reported, since it would be taken
   * literally.
   */
  static @Nullable String secret(ConfigNode node, String path, BindContext ctx) {
    if (!(node instanceof ScalarNode) || isNull(node)) {
      ctx.error(path, node, "expected a string, found " + node.describe());
      return null;
    }
    String written = ((ScalarNode) node).text();
    if (variableName(written) == null && written.contains("${") && !written.startsWith("$${")) {
      ctx.error(
          path,
          node,
          "only a whole value can name an environment variable (write exactly ${NAME}); this"
              + " value would be taken literally");
      return null;
    }
    ConfigNode value = deref(node, path, ctx);
    if (value == null) {
      return null;
    }
    String s = ((ScalarNode) value).text();
    if (s.isEmpty()) {
      ctx.error(path, node, "must not be empty");
      return null;
    }
    if (s.codePoints().anyMatch(c -> Character.isISOControl(c))) {
      ctx.error(path, node, "must not contain control characters (such as a line break)");
      return null;
    }
    return s;
  }

  /** A non-empty string. */
  static @Nullable Located<String> nonEmpty(ConfigNode node, String path, BindContext ctx) {
    Located<String> s = string(node, path, ctx);
    if (s != null && s.value().isEmpty()) {
      ctx.error(path, node, "must not be empty");
      return null;
    }
    return s;
  }

  /** A finite number (a quoted number is accepted). */
  static @Nullable Located<Double> number(ConfigNode node, String path, BindContext ctx) {
    ConfigNode value = deref(node, path, ctx);
    if (value == null) {
      return null;
    }
    node = value;
    Double d = parseNumber(node);
    if (d == null) {
      ctx.error(path, node, "expected a number, found " + node.describe());
      return null;
    }
    if (d.isNaN() || d.isInfinite()) {
      ctx.error(path, node, "expected a finite number, found " + node.describe());
      return null;
    }
    return Located.at(d, path, node);
  }

  /** A whole number of at least {@code min}. */
  static @Nullable Located<Integer> integer(
      ConfigNode node, String path, BindContext ctx, int min) {
    return integer(node, path, ctx, min, Integer.MAX_VALUE);
  }

  /** A whole number from {@code min} to {@code max}. */
  static @Nullable Located<Integer> integer(
      ConfigNode node, String path, BindContext ctx, int min, int max) {
    ConfigNode value = deref(node, path, ctx);
    if (value == null) {
      return null;
    }
    node = value;
    Double d = parseNumber(node);
    if (d == null || d.isNaN() || d.isInfinite() || d != Math.rint(d)) {
      ctx.error(path, node, "expected a whole number, found " + node.describe());
      return null;
    }
    if (max < Integer.MAX_VALUE && (d < min || d > max)) {
      ctx.error(path, node, "must be from " + min + " to " + max + ", found " + node.describe());
      return null;
    }
    if (d < min || d > Integer.MAX_VALUE) {
      ctx.error(
          path,
          node,
          "must be at least "
              + min
              + (d > Integer.MAX_VALUE ? " and fit in 32 bits" : "")
              + ", found "
              + node.describe());
      return null;
    }
    return Located.at(d.intValue(), path, node);
  }

  static @Nullable Located<Boolean> bool(ConfigNode node, String path, BindContext ctx) {
    if (node instanceof ScalarNode && ((ScalarNode) node).type() == ScalarNode.Type.BOOLEAN) {
      return Located.at(Boolean.parseBoolean(((ScalarNode) node).text()), path, node);
    }
    ctx.error(path, node, "expected true or false, found " + node.describe());
    return null;
  }

  /** One of the enum's constant names, exactly (AWS spells them case-sensitively). */
  static <E extends Enum<E>> @Nullable Located<E> enumValue(
      ConfigNode node, String path, BindContext ctx, Class<E> type) {
    E[] constants = type.getEnumConstants();
    if (node instanceof ScalarNode && !isNull(node)) {
      String text = ((ScalarNode) node).text();
      for (E e : constants) {
        if (e.name().equals(text)) {
          return Located.at(e, path, node);
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : constants) {
      names.add(e.name());
    }
    String found = node.describe();
    String hint =
        node instanceof ScalarNode ? Suggest.didYouMean(((ScalarNode) node).text(), names) : "";
    ctx.error(
        path, node, "expected one of " + String.join(", ", names) + "; found " + found + hint);
    return null;
  }

  /** The items of a list (a null node or a non-list is reported and reads as null). */
  static @Nullable List<ConfigNode> list(ConfigNode node, String path, BindContext ctx) {
    if (node instanceof ConfigNode.ListNode) {
      return ((ConfigNode.ListNode) node).items();
    }
    ctx.error(path, node, "expected a list, found " + node.describe());
    return null;
  }

  /**
   * A list of names, or a single name (the one-name case stays one line). Each name must be a
   * {@link #isName name}.
   */
  static @Nullable List<Located<String>> names(ConfigNode node, String path, BindContext ctx) {
    List<ConfigNode> items =
        node instanceof ConfigNode.ListNode ? ((ConfigNode.ListNode) node).items() : List.of(node);
    List<Located<String>> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      String p = node instanceof ConfigNode.ListNode ? BindContext.index(path, i) : path;
      Located<String> s = name(items.get(i), p, ctx);
      if (s == null) {
        ok = false;
      } else {
        out.add(s);
      }
    }
    return ok ? out : null;
  }

  /** A name of an environment, app, alarm or topic: letters, digits, {@code _ . -}. */
  static @Nullable Located<String> name(ConfigNode node, String path, BindContext ctx) {
    Located<String> s = nonEmpty(node, path, ctx);
    if (s == null) {
      return null;
    }
    if (!isName(s.value())) {
      ctx.error(
          path,
          node,
          "expected a name of letters, digits, '_', '.' and '-', found " + node.describe());
      return null;
    }
    return s;
  }

  static boolean isName(String s) {
    if (s.isEmpty() || s.length() > 256) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code text} is a decimal number as CloudWatch writes metric values. */
  static boolean isNumber(String text) {
    if (text.isEmpty()) {
      return false;
    }
    try {
      new BigDecimal(text.trim());
      return text.trim().equals(text);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static @Nullable Double parseNumber(ConfigNode node) {
    if (!(node instanceof ScalarNode)) {
      return null;
    }
    ScalarNode s = (ScalarNode) node;
    if (s.type() != ScalarNode.Type.NUMBER && s.type() != ScalarNode.Type.STRING) {
      return null;
    }
    String t = s.text().trim();
    String lower = t.toLowerCase(Locale.ROOT);
    if (Arrays.asList(".inf", "+.inf", "-.inf", ".nan").contains(lower)) {
      return lower.contains("nan")
          ? Double.NaN
          : lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (!isNumber(t)) {
      return null;
    }
    return Double.parseDouble(t);
  }
}
