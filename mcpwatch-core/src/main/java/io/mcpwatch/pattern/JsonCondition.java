package io.mcpwatch.pattern;

import org.jspecify.annotations.Nullable;

/**
 * One condition of a JSON pattern (spec 1.3), a leaf of {@link JsonExpr}. A condition on a
 * wildcard selector is true if any selected node satisfies it; {@code NOT EXISTS} is true if the
 * selector selects nothing at all.
 */
sealed interface JsonCondition extends JsonExpr
    permits JsonCondition.Compare, JsonCondition.Is, JsonCondition.NotExists {

  /** Index of this condition in its pattern. */
  int id();

  /** Index of its selector in its pattern's distinct selectors. */
  int selector();

  /** Whether one selected node satisfies the condition. */
  boolean test(JsonNodeKind kind, @Nullable String text);

  @Override
  default boolean eval(JsonScan scan) {
    return scan.satisfied(id());
  }

  /** {@code selector OP value}: only strings and numbers can satisfy it (spec 1.3, 7 #4). */
  record Compare(int id, int selector, ValueCondition value) implements JsonCondition {
    @Override
    public boolean test(JsonNodeKind kind, @Nullable String text) {
      return kind.isValue() && text != null && value.test(text, kind == JsonNodeKind.NUMBER);
    }
  }

  /** {@code selector IS NULL|TRUE|FALSE}: the node is exactly that JSON literal. */
  record Is(int id, int selector, JsonNodeKind literal) implements JsonCondition {
    @Override
    public boolean test(JsonNodeKind kind, @Nullable String text) {
      return kind == literal;
    }
  }

  /** {@code selector NOT EXISTS}: the path selects no node, not even null. */
  record NotExists(int id, int selector) implements JsonCondition {
    @Override
    public boolean test(JsonNodeKind kind, @Nullable String text) {
      return false;
    }

    @Override
    public boolean eval(JsonScan scan) {
      return !scan.present(selector);
    }
  }
}
