package io.mcpwatch.terraform.hcl;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The attributes and blocks of a file or a block, in source order. */
public record Body(List<Attribute> attributes, List<Block> blocks) {
  public Body {
    attributes = List.copyOf(attributes);
    blocks = List.copyOf(blocks);
  }

  /** {@code name = expr}; {@code pos} is where the name is written. */
  public record Attribute(String name, Expr expr, Pos pos) {}

  /** {@code type "label" ... { body }}; {@code pos} is where the type is written. */
  public record Block(String type, List<String> labels, Body body, Pos pos) {
    public Block {
      labels = List.copyOf(labels);
    }
  }

  public @Nullable Attribute attribute(String name) {
    for (Attribute a : attributes) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    return null;
  }

  public List<Block> blocks(String type) {
    List<Block> out = new ArrayList<>();
    for (Block b : blocks) {
      if (b.type().equals(type)) {
        out.add(b);
      }
    }
    return out;
  }
}
