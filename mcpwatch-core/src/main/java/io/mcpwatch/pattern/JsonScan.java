package io.mcpwatch.pattern;

import org.jspecify.annotations.Nullable;

/**
 * What one scan of an event found for a JSON pattern: which selectors selected anything, which
 * conditions some node satisfied and, when asked for, the first node each selector selected.
 * Single-use, not thread-safe.
 */
final class JsonScan implements JsonEventScanner.Visitor {
  private final JsonCondition[][] conditionsBySelector;
  private final boolean[] satisfied;
  private final boolean[] present;
  private final JsonNodeKind @Nullable [] firstKind;
  private final @Nullable String @Nullable [] firstText;

  JsonScan(JsonCondition[][] conditionsBySelector, int conditionCount, boolean recordFirst) {
    this.conditionsBySelector = conditionsBySelector;
    this.satisfied = new boolean[conditionCount];
    this.present = new boolean[conditionsBySelector.length];
    this.firstKind = recordFirst ? new JsonNodeKind[conditionsBySelector.length] : null;
    this.firstText = recordFirst ? new String[conditionsBySelector.length] : null;
  }

  @Override
  public void selected(int selector, JsonNodeKind kind, @Nullable String text) {
    if (!present[selector]) {
      present[selector] = true;
      if (firstKind != null && firstText != null) {
        firstKind[selector] = kind;
        firstText[selector] = text;
      }
    }
    for (JsonCondition c : conditionsBySelector[selector]) {
      if (!satisfied[c.id()] && c.test(kind, text)) {
        satisfied[c.id()] = true;
      }
    }
  }

  boolean satisfied(int condition) {
    return satisfied[condition];
  }

  boolean present(int selector) {
    return present[selector];
  }

  /**
   * The scalar text of the first node the selector selected: a string, a number as written, or
   * {@code true}/{@code false}; null for null, objects, arrays, nothing, or when not recorded.
   */
  @Nullable String firstScalar(int selector) {
    if (firstKind == null || firstText == null) {
      return null;
    }
    return scalarText(firstKind[selector], firstText[selector]);
  }

  static @Nullable String scalarText(@Nullable JsonNodeKind kind, @Nullable String text) {
    if (kind == null) {
      return null;
    }
    switch (kind) {
      case STRING:
      case NUMBER:
        return text;
      case TRUE:
        return "true";
      case FALSE:
        return "false";
      default:
        return null;
    }
  }
}
