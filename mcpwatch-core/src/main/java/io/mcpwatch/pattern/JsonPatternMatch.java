package io.mcpwatch.pattern;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A matched JSON event: the {@code $.path} values of the pattern's own selectors, and lazy
 * resolution of any other wildcard-free path (one more scan of the event, on demand).
 */
final class JsonPatternMatch implements PatternMatch {
  private final JsonPattern pattern;
  private final String message;
  private final Map<String, String> extracted;
  private final @Nullable String[] first;

  JsonPatternMatch(
      JsonPattern pattern, String message, Map<String, String> extracted, @Nullable String[] first) {
    this.pattern = pattern;
    this.message = message;
    this.extracted = extracted;
    this.first = first;
  }

  @Override
  public Map<String, String> extractedValues() {
    return extracted;
  }

  /**
   * The scalar at a wildcard-free {@code $.path}: a string, a number as written in the event, or
   * {@code true}/{@code false}; empty for null, objects, arrays, absent paths, wildcard paths and
   * references that are not {@code $.path} selectors. Where a key occurs twice, the first wins.
   */
  @Override
  public Optional<String> field(String fieldRef) {
    String direct = extracted.get(fieldRef);
    if (direct != null) {
      return Optional.of(direct);
    }
    JsonSelector ref = JsonSelector.parseReference(fieldRef);
    if (ref == null || ref.hasWildcard()) {
      return Optional.empty();
    }
    int s = pattern.selectorIndex(ref);
    if (s >= 0) {
      return Optional.ofNullable(first[s]);
    }
    FirstNode node = new FirstNode();
    if (!JsonEventScanner.scan(message, List.of(ref), node)) {
      return Optional.empty();
    }
    return Optional.ofNullable(JsonScan.scalarText(node.kind, node.text));
  }

  @Override
  public String toString() {
    return "JsonPatternMatch" + extracted;
  }

  /** Remembers the first selected node. */
  private static final class FirstNode implements JsonEventScanner.Visitor {
    @Nullable JsonNodeKind kind;
    @Nullable String text;

    @Override
    public void selected(int selector, JsonNodeKind k, @Nullable String t) {
      if (kind == null) {
        kind = k;
        text = t;
      }
    }
  }
}
