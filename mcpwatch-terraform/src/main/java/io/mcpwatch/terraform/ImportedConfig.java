package io.mcpwatch.terraform;

import io.mcpwatch.config.ConfigNode;
import io.mcpwatch.terraform.hcl.Pos;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@link TerraformImport#load}: mcpwatch's YAML, the node tree the YAML reader builds
 * from it (same lines and columns), and where each value came from in the {@code .tf} files.
 *
 * @param yaml the configuration file's text
 * @param root the node tree of {@code yaml}
 * @param notes what the import left out or assumed, one line each (also comments in {@code yaml})
 * @param texts the {@code .tf} files read, by the name positions use
 */
public record ImportedConfig(
    String yaml,
    ConfigNode.MapNode root,
    Map<Integer, TreeMap<Integer, Source>> sourceMap,
    List<String> notes,
    Map<String, String> texts) {

  public ImportedConfig {
    sourceMap = Map.copyOf(sourceMap);
    notes = List.copyOf(notes);
    texts = Map.copyOf(texts);
  }

  /** The .tf source text at {@code pos}. */
  public String text(Pos pos) {
    String t = texts.get(pos.file());
    return t == null ? "" : t.substring(Math.min(pos.start(), t.length()), Math.min(pos.end(), t.length()));
  }

  /**
   * Where a written YAML scalar came from.
   *
   * @param yamlTextColumn the YAML column where the scalar's text starts verbatim, or 0
   * @param src the .tf expression
   * @param srcTextColumn the .tf column where the same text starts verbatim, or 0
   */
  public record Source(int yamlTextColumn, Pos src, int srcTextColumn) {}

  /** A {@code .tf} position. */
  public record TfPosition(String file, int line, int column) {
    @Override
    public String toString() {
      return file + ":" + line + ":" + column;
    }
  }

  /**
   * The {@code .tf} position of YAML position {@code line:column} (of a value, or of a character
   * inside a string value), or null when that YAML line holds no imported value.
   */
  public @Nullable TfPosition locate(int line, int column) {
    TreeMap<Integer, Source> onLine = sourceMap.get(line);
    if (onLine == null) {
      return null;
    }
    Map.Entry<Integer, Source> e = onLine.floorEntry(column);
    if (e == null) {
      e = onLine.firstEntry();
    }
    Source m = e.getValue();
    Pos src = m.src();
    int col = src.column();
    if (m.yamlTextColumn() > 0 && m.srcTextColumn() > 0 && column >= m.yamlTextColumn()) {
      col = m.srcTextColumn() + (column - m.yamlTextColumn());
    }
    return new TfPosition(src.file(), src.line(), col);
  }
}
