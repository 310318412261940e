package io.mcpwatch.terraform;

import io.mcpwatch.config.ConfigNode;
import io.mcpwatch.terraform.hcl.Pos;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Writes a small YAML document (block maps; lists and maps of scalars in flow style, as in {@code
 * mcpwatch init}'s template) and, at the same time, the {@link ConfigNode} tree the YAML reader
 * would build from it, with the same lines and columns, and the source map from each written
 * scalar to the {@code .tf} position it came from.
 */
final class YamlEmitter {

  /** A node of the document to write. */
  sealed interface Y permits YMap, YList, YScalar {}

  /** A block map; {@code comments} go on the lines before a key, {@code flow} writes it inline. */
  static final class YMap implements Y {
    final Map<String, Y> entries = new LinkedHashMap<>();
    final Map<String, List<String>> comments = new LinkedHashMap<>();
    boolean flow;

    YMap put(String key, Y value) {
      entries.put(key, value);
      return this;
    }

    YMap comment(String key, String line) {
      comments.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
      return this;
    }
  }

  /** A list: flow style when every item is a scalar or a flow map. */
  record YList(List<Y> items) implements Y {
    YList {
      items = List.copyOf(items);
    }
  }

  /**
   * A scalar: a String, BigDecimal, Integer or Boolean, and where it came from (or null).
   *
   * @param src the .tf position, or null
   * @param srcTextColumn the column of the first character of the text in the .tf line, or 0
   */
  record YScalar(@Nullable Object value, @Nullable Pos src, int srcTextColumn) implements Y {}

  static YScalar s(@Nullable Object value) {
    return new YScalar(value, null, 0);
  }


  private final StringBuilder out = new StringBuilder();
  private int line = 1;
  /** line to (column to mapping). */
  final Map<Integer, TreeMap<Integer, ImportedConfig.Source>> sourceMap = new LinkedHashMap<>();

  String text() {
    return out.toString();
  }

  void comment(String text) {
    for (String l : text.split("\n", -1)) {
      out.append(l.isEmpty() ? "#" : "# " + l).append('\n');
      line++;
    }
  }

  void blank() {
    out.append('\n');
    line++;
  }

  /** Writes the top-level map; returns its node. */
  ConfigNode.MapNode document(YMap root) {
    return blockMap(root, 0, true);
  }

  private ConfigNode.MapNode blockMap(YMap map, int indent, boolean top) {
    List<ConfigNode.Entry> entries = new ArrayList<>();
    int startLine = line;
    for (Map.Entry<String, Y> e : map.entries.entrySet()) {
      List<String> cs = map.comments.get(e.getKey());
      if (cs != null) {
        if (top) {
          blank();
        }
        for (String c : cs) {
          out.append(" ".repeat(indent)).append(c.isEmpty() ? "#" : "# " + c).append('\n');
          line++;
        }
      }
      int keyLine = line;
      int keyCol = indent + 1;
      String key = key(e.getKey());
      out.append(" ".repeat(indent)).append(key).append(':');
      int col = indent + key.length() + 2;
      Y v = e.getValue();
      ConfigNode node;
      if (v instanceof YMap && !((YMap) v).flow && !((YMap) v).entries.isEmpty()) {
        out.append('\n');
        line++;
        node = blockMap((YMap) v, indent + 2, false);
      } else if (v instanceof YList && !isFlow((YList) v)) {
        out.append('\n');
        line++;
        node = blockList((YList) v, indent + 2);
      } else {
        out.append(' ');
        node = flow(v, col + 1);
        out.append('\n');
        line++;
      }
      entries.add(new ConfigNode.Entry(e.getKey(), keyLine, keyCol, node));
    }
    return new ConfigNode.MapNode(entries, startLine, indent + 1);
  }

  private ConfigNode.ListNode blockList(YList list, int indent) {
    List<ConfigNode> items = new ArrayList<>();
    int startLine = line;
    for (Y item : list.items()) {
      out.append(" ".repeat(indent)).append("- ");
      if (item instanceof YMap && !((YMap) item).flow) {
        // "- key: value" then the other keys indented under the first
        YMap m = (YMap) item;
        int before = out.length();
        ConfigNode.MapNode node = blockMap(m, indent + 2, false);
        // the first key was written with indent + 2 spaces on a new line; join it to "- "
        String written = out.substring(before);
        out.setLength(before);
        out.append(written.substring(indent + 2));
        items.add(node);
      } else {
        items.add(flow(item, indent + 3));
        out.append('\n');
        line++;
      }
    }
    return new ConfigNode.ListNode(items, startLine, indent + 1);
  }

  private static boolean isFlow(YList l) {
    for (Y item : l.items()) {
      if (!(item instanceof YScalar) && !(item instanceof YMap && ((YMap) item).flow)) {
        return false;
      }
    }
    return true;
  }

  /** Writes {@code v} inline starting at {@code col}; returns its node. */
  private ConfigNode flow(Y v, int col) {
    if (v instanceof YScalar) {
      return scalar((YScalar) v, col);
    }
    if (v instanceof YList) {
      List<ConfigNode> items = new ArrayList<>();
      out.append('[');
      int c = col + 1;
      boolean first = true;
      for (Y item : ((YList) v).items()) {
        if (!first) {
          out.append(", ");
          c += 2;
        }
        first = false;
        int before = out.length();
        items.add(flow(item, c));
        c += out.length() - before;
      }
      out.append(']');
      return new ConfigNode.ListNode(items, line, col);
    }
    YMap m = (YMap) v;
    List<ConfigNode.Entry> entries = new ArrayList<>();
    if (m.entries.isEmpty()) {
      out.append("{}");
      return new ConfigNode.MapNode(entries, line, col);
    }
    out.append("{ ");
    int c = col + 2;
    boolean first = true;
    for (Map.Entry<String, Y> e : m.entries.entrySet()) {
      if (!first) {
        out.append(", ");
        c += 2;
      }
      first = false;
      String key = key(e.getKey());
      int keyCol = c;
      out.append(key).append(": ");
      c += key.length() + 2;
      int before = out.length();
      ConfigNode node = flow(e.getValue(), c);
      c += out.length() - before;
      entries.add(new ConfigNode.Entry(e.getKey(), line, keyCol, node));
    }
    out.append(" }");
    return new ConfigNode.MapNode(entries, line, col);
  }

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./@+-]*");
  private static final Pattern SPECIAL =
      Pattern.compile("(?i)(true|false|yes|no|on|off|null|y|n|~)");

  private ConfigNode scalar(YScalar s, int col) {
    Object v = s.value();
    String text;
    ConfigNode.ScalarNode.Type type;
    int textColumn = col;
    String value;
    if (v == null) {
      text = "null";
      value = "";
      type = ConfigNode.ScalarNode.Type.NULL;
    } else if (v instanceof Boolean) {
      text = v.toString();
      value = text;
      type = ConfigNode.ScalarNode.Type.BOOLEAN;
    } else if (v instanceof BigDecimal || v instanceof Integer) {
      text =
          v instanceof BigDecimal
              ? ((BigDecimal) v).stripTrailingZeros().toPlainString()
              : v.toString();
      value = text;
      type = ConfigNode.ScalarNode.Type.NUMBER;
    } else {
      value = (String) v;
      type = ConfigNode.ScalarNode.Type.STRING;
      if (PLAIN.matcher(value).matches() && !SPECIAL.matcher(value).matches()) {
        text = value;
      } else if (value.indexOf('\n') < 0 && value.indexOf('\'') < 0 && value.chars().allMatch(ch -> ch >= 0x20)) {
        text = "'" + value + "'";
        textColumn = col + 1;
      } else {
        text = doubleQuoted(value);
        textColumn = 0;
      }
    }
    out.append(text);
    if (s.src() != null) {
      sourceMap
          .computeIfAbsent(line, k -> new TreeMap<>())
          .put(col, new ImportedConfig.Source(textColumn, s.src(), s.srcTextColumn()));
    }
    return new ConfigNode.ScalarNode(value, type, line, col, textColumn);
  }

  static String doubleQuoted(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }

  private static String key(String k) {
    return PLAIN.matcher(k).matches() && !SPECIAL.matcher(k).matches() ? k : doubleQuoted(k);
  }
}
