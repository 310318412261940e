package io.mcpwatch.config;

import java.util.List;
import java.util.Objects;

/**
 * A parsed configuration document that remembers where everything was written: maps keep their key
 * order and each key's position, and every node has a 1-based line and column. The YAML reader
 * (outside core) builds it; {@link ConfigBinder} consumes it.
 */
public sealed interface ConfigNode
    permits ConfigNode.MapNode, ConfigNode.ListNode, ConfigNode.ScalarNode {

  /** 1-based line where the node starts. */
  int line();

  /** 1-based column where the node starts. */
  int column();

  /** How the node reads in an error message: {@code "fifty"}, {@code 5}, {@code a map}. */
  String describe();

  /** One {@code key: value} of a map, with the key's own position. */
  record Entry(String key, int line, int column, ConfigNode value) {
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /** A mapping, in document order (duplicate keys are kept; the binder reports them). */
  record MapNode(List<Entry> entries, int line, int column) implements ConfigNode {
    public MapNode {
      entries = List.copyOf(entries);
    }

    @Override
    public String describe() {
      return "a map";
    }
  }

  /** A sequence. */
  record ListNode(List<ConfigNode> items, int line, int column) implements ConfigNode {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar as the document typed it.
   *
   * @param text the value's text ({@code ""} for null)
   * @param type how YAML resolved it: a quoted {@code "5"} is a STRING, a plain {@code 5} a NUMBER
   * @param textColumn the column where {@code text} starts verbatim on {@link #line} (the column
   *     after the opening quote of a quoted scalar), or 0 when the text is not verbatim there
   *     (escapes, block or multi-line scalars); used to point into patterns
   */
  record ScalarNode(String text, Type type, int line, int column, int textColumn)
      implements ConfigNode {

    /** The resolved scalar type. */
    public enum Type {
      STRING,
      NUMBER,
      BOOLEAN,
      NULL
    }

    public ScalarNode {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(type, "type");
    }

    /** A scalar whose text starts verbatim at its column (plain style). */
    public static ScalarNode plain(String text, Type type, int line, int column) {
      return new ScalarNode(text, type, line, column, column);
    }

    @Override
    public String describe() {
      switch (type) {
        case STRING:
          return quote(text);
        case NULL:
          return "nothing (null)";
        default:
          return text;
      }
    }

    /** {@code s} in double quotes, escaped, cut after 60 characters. */
    static String quote(String s) {
      StringBuilder sb = new StringBuilder("\"");
      int n = Math.min(s.length(), 60);
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          sb.append('\\').append(c);
        } else if (c == '\n') {
          sb.append("\\n");
        } else if (c == '\t') {
          sb.append("\\t");
        } else {
          sb.append(c);
        }
      }
      if (n < s.length()) {
        sb.append("...");
      }
      return sb.append('"').toString();
    }
  }
}
