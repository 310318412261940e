package io.mcpwatch.terraform;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes HCL the way {@code terraform fmt} lays it out: two-space indentation, the {@code =} of
 * consecutive one-line attributes aligned, one blank line between top-level blocks, nested blocks
 * set off by a blank line. Values are written as given (already HCL expressions).
 */
final class HclWriter {

  /** An item of a body. */
  sealed interface Item permits Attr, Block, Comment, Blank {}

  record Attr(String name, String expr) implements Item {}

  record Comment(String text) implements Item {}

  record Blank() implements Item {}

  static final class Block implements Item {
    final String type;
    final List<String> labels;
    final List<Item> items = new ArrayList<>();

    Block(String type, String... labels) {
      this.type = type;
      this.labels = List.of(labels);
    }

    Block attr(String name, String expr) {
      items.add(new Attr(name, expr));
      return this;
    }

    Block comment(String text) {
      items.add(new Comment(text));
      return this;
    }

    Block blank() {
      items.add(new Blank());
      return this;
    }

    Block block(Block b) {
      if (!items.isEmpty() && !(items.get(items.size() - 1) instanceof Blank)) {
        items.add(new Blank());
      }
      items.add(b);
      return this;
    }
  }

  private final StringBuilder out = new StringBuilder();
  private boolean first = true;

  /** A comment line (or lines) at the top level. */
  HclWriter comment(String text) {
    for (String line : text.split("\n", -1)) {
      out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
    first = false;
    return this;
  }

  HclWriter blank() {
    out.append('\n');
    return this;
  }

  HclWriter block(Block b) {
    if (!first && out.length() > 0 && !out.toString().endsWith("\n\n")) {
      out.append('\n');
    }
    first = false;
    write(b, 0);
    return this;
  }

  String text() {
    return out.toString();
  }

  private void write(Block b, int indent) {
    String pad = " ".repeat(indent);
    out.append(pad).append(b.type);
    for (String l : b.labels) {
      out.append(" \"").append(l).append('"');
    }
    if (b.items.isEmpty()) {
      out.append(" {}\n");
      return;
    }
    out.append(" {\n");
    int i = 0;
    while (i < b.items.size()) {
      Item it = b.items.get(i);
      if (it instanceof Attr) {
        int j = i;
        int width = 0;
        while (j < b.items.size() && b.items.get(j) instanceof Attr) {
          width = Math.max(width, ((Attr) b.items.get(j)).name().length());
          j++;
        }
        for (int k = i; k < j; k++) {
          Attr a = (Attr) b.items.get(k);
          out.append(pad)
              .append("  ")
              .append(a.name())
              .append(" ".repeat(width - a.name().length()))
              .append(" = ")
              .append(a.expr())
              .append('\n');
        }
        i = j;
        continue;
      }
      if (it instanceof Comment) {
        for (String line : ((Comment) it).text().split("\n", -1)) {
          out.append(pad).append("  ").append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
      } else if (it instanceof Blank) {
        out.append('\n');
      } else {
        write((Block) it, indent + 2);
      }
      i++;
    }
    out.append(pad).append("}\n");
  }

  /** An HCL list of already-written expressions, on one line. */
  static String list(List<String> exprs) {
    return "[" + String.join(", ", exprs) + "]";
  }

  /** A string literal; {@code ${...}} written by the caller as interpolation stays one. */
  static String str(String s) {
    return TerraformLint.hclString(s);
  }
}
