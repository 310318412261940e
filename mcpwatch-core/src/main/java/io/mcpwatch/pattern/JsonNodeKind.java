package io.mcpwatch.pattern;

/** The kind of JSON node a selector reached in an event. */
enum JsonNodeKind {
  STRING,
  NUMBER,
  TRUE,
  FALSE,
  NULL,
  OBJECT,
  ARRAY;

  /** Whether conditions and metric values can use the node's text (strings and numbers). */
  boolean isValue() {
    return this == STRING || this == NUMBER;
  }
}
