package io.mcpwatch.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads one map of the document by consuming keys: every key a binder asks for becomes known, and
 * {@link #finish()} reports the keys nobody asked for as unknown (with a did-you-mean). A node that
 * is not a map is reported once and reads as empty. Duplicate keys are reported; the first wins.
 */
final class MapReader {
  private final @Nullable ConfigNode node;
  private final String path;
  private final BindContext ctx;
  private final Map<String, ConfigNode.Entry> entries = new LinkedHashMap<>();
  private final Set<String> known = new LinkedHashSet<>();
  private final Set<String> consumed = new HashSet<>();

  private MapReader(@Nullable ConfigNode node, String path, BindContext ctx) {
    this.node = node;
    this.path = path;
    this.ctx = ctx;
  }

  /** A reader of {@code node}, which must be a map (a null node reads as empty). */
  static MapReader of(@Nullable ConfigNode node, String path, BindContext ctx) {
    MapReader r = new MapReader(node, path, ctx);
    if (node instanceof ConfigNode.MapNode) {
      for (ConfigNode.Entry e : ((ConfigNode.MapNode) node).entries()) {
        ConfigNode.Entry first = r.entries.putIfAbsent(e.key(), e);
        if (first != null) {
          ctx.error(
              BindContext.join(path, e.key()),
              e.line(),
              e.column(),
              "duplicate key (first written at " + first.line() + ":" + first.column() + ")");
        }
      }
    } else if (node != null && !Values.isNull(node)) {
      ctx.error(path, node, "expected a map, found " + node.describe());
    }
    return r;
  }

  String path() {
    return path;
  }

  String path(String key) {
    return BindContext.join(path, key);
  }

  /** The node this reader reads, or null. */
  @Nullable ConfigNode node() {
    return node;
  }

  /** The entry under {@code key}, consuming it; null when absent. */
  ConfigNode.@Nullable Entry entry(String key) {
    known.add(key);
    ConfigNode.Entry e = entries.get(key);
    if (e != null) {
      consumed.add(key);
    }
    return e;
  }

  /** The value under {@code key}, consuming it; null when absent. */
  @Nullable ConfigNode take(String key) {
    ConfigNode.Entry e = entry(key);
    return e == null ? null : e.value();
  }

  /** Like {@link #take}, but reports a missing (or null) value. */
  @Nullable ConfigNode require(String key) {
    ConfigNode v = take(key);
    if (v == null || Values.isNull(v)) {
      int line = v != null ? v.line() : node != null ? node.line() : 0;
      int column = v != null ? v.column() : node != null ? node.column() : 0;
      ctx.error(path(key), line, column, "missing required key " + key);
      return null;
    }
    return v;
  }

  /** Every entry, all consumed (for maps keyed by names, such as {@code alarms}). */
  List<ConfigNode.Entry> all() {
    consumed.addAll(entries.keySet());
    return new ArrayList<>(entries.values());
  }

  /**
   * Every entry of a section of named items ({@code alarms:}, {@code environments:}), consumed:
   * an empty map is an error ("declare at least one {@code noun}"), and an entry whose key is not a
   * name is reported and left out.
   */
  List<ConfigNode.Entry> named(String noun) {
    List<ConfigNode.Entry> out = new ArrayList<>();
    List<ConfigNode.Entry> all = all();
    if (all.isEmpty() && node instanceof ConfigNode.MapNode) {
      ctx.error(path, node, "declare at least one " + noun);
    }
    for (ConfigNode.Entry e : all) {
      if (Values.isName(e.key())) {
        out.add(e);
      } else {
        ctx.error(path(e.key()), e.line(), e.column(),
            "expected " + ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun
                + " name of letters, digits, '_', '.' and '-'");
      }
    }
    return out;
  }

  /** Whether the map has {@code key} (without consuming it). */
  boolean has(String key) {
    return entries.containsKey(key);
  }

  /** Reports every key that was not consumed as unknown. */
  void finish() {
    for (ConfigNode.Entry e : entries.values()) {
      if (!consumed.contains(e.key())) {
        ctx.error(path(e.key()), e.line(), e.column(), "unknown key" + hint(e.key()));
      }
    }
  }

  private String hint(String key) {
    String close = Suggest.closest(key, known);
    if (close != null) {
      return " (did you mean " + close + "?)";
    }
    return known.isEmpty() ? "" : " (expected one of: " + String.join(", ", known) + ")";
  }
}
