package io.mcpwatch.pattern;

import java.util.List;

/**
 * The boolean structure of a JSON pattern (spec 1.3): {@code ||} over {@code &&} over conditions,
 * with parentheses only shaping the tree. Evaluated after one scan of the event, from what each
 * condition saw.
 */
sealed interface JsonExpr permits JsonExpr.Or, JsonExpr.And, JsonCondition {

  /** The value of this expression for one scanned event. */
  boolean eval(JsonScan scan);

  /** True if any operand is. */
  record Or(List<JsonExpr> operands) implements JsonExpr {
    public Or {
      operands = List.copyOf(operands);
    }

    @Override
    public boolean eval(JsonScan scan) {
      for (JsonExpr e : operands) {
        if (e.eval(scan)) {
          return true;
        }
      }
      return false;
    }
  }

  /** True if every operand is. */
  record And(List<JsonExpr> operands) implements JsonExpr {
    public And {
      operands = List.copyOf(operands);
    }

    @Override
    public boolean eval(JsonScan scan) {
      for (JsonExpr e : operands) {
        if (!e.eval(scan)) {
          return false;
        }
      }
      return true;
    }
  }
}
