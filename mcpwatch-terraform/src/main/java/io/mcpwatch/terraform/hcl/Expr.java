package io.mcpwatch.terraform.hcl;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An HCL expression as written, with its position (the source text is {@code pos.start..end}). */
public sealed interface Expr {
  Pos pos();

  /** A number, {@code true}, {@code false} or {@code null}. */
  record Literal(Value value, Pos pos) implements Expr {}

  /**
   * A quoted string or heredoc: literal parts and {@code ${...}} interpolations.
   *
   * @param textColumn the column where the text starts verbatim (after the opening quote) when the
   *     string has no escapes, interpolations or line breaks; 0 otherwise
   */
  record Template(List<Object> parts, Pos pos, int textColumn) implements Expr {
    public Template {
      parts = List.copyOf(parts);
    }
  }

  /** A root name: {@code var}, {@code local}, {@code aws_sns_topic}, {@code each}, ... */
  record Variable(String name, Pos pos) implements Expr {}

  /** {@code target.name}. */
  record GetAttr(Expr target, String name, Pos pos) implements Expr {}

  /** {@code target[key]}. */
  record Index(Expr target, Expr key, Pos pos) implements Expr {}

  /** {@code target[*].rest} or {@code target.*.rest}: {@code each} stands for one element. */
  record Splat(Expr target, Expr each, Pos pos) implements Expr {}

  /** The element inside a {@link Splat}. */
  record SplatItem(Pos pos) implements Expr {}

  record Call(String name, List<Expr> args, boolean expandLast, Pos pos) implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }

  record Tuple(List<Expr> items, Pos pos) implements Expr {
    public Tuple {
      items = List.copyOf(items);
    }
  }

  /** {@code { key = value, ... }}; a bare identifier key is a {@link Literal} string. */
  record ObjectCons(List<Expr> keys, List<Expr> values, Pos pos) implements Expr {
    public ObjectCons {
      keys = List.copyOf(keys);
      values = List.copyOf(values);
    }
  }

  record Conditional(Expr condition, Expr whenTrue, Expr whenFalse, Pos pos) implements Expr {}

  record Binary(String op, Expr left, Expr right, Pos pos) implements Expr {}

  record Unary(String op, Expr operand, Pos pos) implements Expr {}

  record Parens(Expr inner, Pos pos) implements Expr {}

  /**
   * {@code [for k, v in coll : value if cond]} or {@code {for k, v in coll : key => value}}.
   *
   * @param keyVar the first name when two are given, else null
   */
  record For(
      @Nullable String keyVar,
      String valueVar,
      Expr collection,
      @Nullable Expr keyExpr,
      Expr valueExpr,
      @Nullable Expr condition,
      boolean grouping,
      Pos pos)
      implements Expr {}

  /** A number literal's value. */
  static Literal number(BigDecimal n, Pos pos) {
    return new Literal(new Value.Num(n, pos), pos);
  }
}
