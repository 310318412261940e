package io.mcpwatch.pattern;

import tools.jackson.databind.JsonNode;

/**
 * One comparison {@code OP value} of a JSON or space-delimited condition (spec 1.3, 1.4): string
 * equality with leading/trailing {@code *} wildcards, numeric comparison (incl. scientific
 * notation), and {@code %regex%} values. Shared by both pattern kinds so that they agree.
 */
final class ValueCondition {

  /** The comparison operators. */
  enum Op {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  /**
   * @param op the operator
   * @param valueText the value token exactly as written: {@code "quoted"} (with its quotes), a bare
   *     token, a number, {@code *}, or {@code %regex%}
   * @param patternText the whole filter pattern, for errors
   * @param column 1-based column of {@code valueText} in {@code patternText}
   * @throws FilterPatternException when AWS would reject the value for this operator
   */
  static ValueCondition parse(Op op, String valueText, String patternText, int column) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Tests a space-delimited field value (brackets/quotes already removed). */
  boolean testString(String fieldValue) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Tests a JSON node selected by a selector: true only for value nodes (string, number; booleans
   * and null only where the spec says so); false for objects, arrays and missing nodes, for every
   * operator including {@code !=}.
   */
  boolean testJson(JsonNode node) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Whether the value is a {@code %regex%} (counts toward the 2-regex limit). */
  boolean isRegex() {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
