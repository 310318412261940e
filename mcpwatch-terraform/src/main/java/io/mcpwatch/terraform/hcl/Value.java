package io.mcpwatch.terraform.hcl;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An evaluated HCL value. Each remembers where it was written ({@code origin}): a literal its own
 * position, a value passed on unchanged (a variable's default, a local) keeps the literal's, and a
 * computed one (interpolation, function) the position of the expression that computed it. That is
 * where a finding about the value points.
 */
public sealed interface Value {
  Pos origin();

  /** The same value, remembered at {@code pos} (used for computed values). */
  Value at(Pos pos);

  /** How the value reads in an error message. */
  String describe();

  /**
   * @param textColumn the column where the characters start verbatim in {@code origin}'s line, or
   *     0
   */
  record Str(String value, Pos origin, int textColumn) implements Value {
    public Str {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public Value at(Pos pos) {
      return new Str(value, pos, 0);
    }

    @Override
    public String describe() {
      return "\"" + value + "\"";
    }
  }

  record Num(BigDecimal value, Pos origin) implements Value {
    @Override
    public Value at(Pos pos) {
      return new Num(value, pos);
    }

    @Override
    public String describe() {
      return value.stripTrailingZeros().toPlainString();
    }
  }

  record Bool(boolean value, Pos origin) implements Value {
    @Override
    public Value at(Pos pos) {
      return new Bool(value, pos);
    }

    @Override
    public String describe() {
      return Boolean.toString(value);
    }
  }

  record Null(Pos origin) implements Value {
    @Override
    public Value at(Pos pos) {
      return new Null(pos);
    }

    @Override
    public String describe() {
      return "null";
    }
  }

  record ListV(List<Value> items, Pos origin) implements Value {
    public ListV {
      items = List.copyOf(items);
    }

    @Override
    public Value at(Pos pos) {
      return new ListV(items, pos);
    }

    @Override
    public String describe() {
      return "a list of " + items.size();
    }
  }

  record ObjV(Map<String, Value> fields, Pos origin) implements Value {
    public ObjV {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public Value at(Pos pos) {
      return new ObjV(fields, pos);
    }

    @Override
    public String describe() {
      return "an object with " + String.join(", ", fields.keySet());
    }
  }

  /**
   * A value only known at apply time or from outside (a variable without a default and without
   * {@code --var}). Operations on it give another Unknown; where mcpwatch needs the value, it is an
   * error naming {@code expression} and {@code origin}.
   *
   * @param expression the source text of what is unknown, e.g. {@code var.sns_topic_arn}
   * @param reason why, e.g. {@code variable sns_topic_arn has no default and no --var}
   */
  record Unknown(String expression, String reason, Pos origin) implements Value {
    @Override
    public Value at(Pos pos) {
      return this;
    }

    @Override
    public String describe() {
      return expression;
    }
  }

  /**
   * An object whose attributes are evaluated when asked for (a resource, a module's outputs), so
   * that a reference to one attribute does not evaluate, or fail on, the others.
   *
   * @param what what the keys are, for messages: {@code variable}, {@code local value}, ...
   */
  record Lazy(
      java.util.function.Function<String, Value> get,
      java.util.Set<String> keys,
      String what,
      Pos origin)
      implements Value {
    @Override
    public Value at(Pos pos) {
      return this;
    }

    @Override
    public String describe() {
      return "an object with " + String.join(", ", keys);
    }
  }
}
