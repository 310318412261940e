package io.mcpwatch.pattern;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compiled JSON filter pattern {@code { ... }} (spec 1.3): the {@link CompiledMatcher} behind
 * {@link FilterPattern} for {@link PatternKind#JSON}. Immutable and thread-safe.
 *
 * <p>Matching scans the event once with {@link JsonEventScanner} (after a cheap first/last
 * character check), lets every condition look at every node its selector selects, then evaluates
 * the {@code && / ||} tree. Events that are not one valid JSON object never match.
 *
 * <p>Extracted values (decision for the [UNCERTAIN] TestMetricFilter output; AWS documents no
 * {@code $name} values for JSON patterns): one {@code $.path} entry per wildcard-free selector of
 * the pattern, in order of first appearance, keyed by the selector as written, whose first selected
 * node is a string, number (text as in the event) or boolean. {@link PatternMatch#field} resolves
 * any wildcard-free {@code $.path}; {@link #canReference} accepts only paths the pattern itself
 * selects (spec 2 #3, 6 #15: "add {@code $.field = *} if necessary").
 */
final class JsonPattern implements CompiledMatcher {
  private final String text;
  private final List<JsonSelector> selectors;
  private final List<JsonCondition> conditions;
  private final JsonCondition[][] conditionsBySelector;
  private final JsonExpr root;

  JsonPattern(
      String text, List<JsonSelector> selectors, List<JsonCondition> conditions, JsonExpr root) {
    this.text = text;
    this.selectors = List.copyOf(selectors);
    this.conditions = List.copyOf(conditions);
    this.root = root;
    this.conditionsBySelector = new JsonCondition[this.selectors.size()][];
    for (int s = 0; s < conditionsBySelector.length; s++) {
      List<JsonCondition> mine = new ArrayList<>();
      for (JsonCondition c : this.conditions) {
        if (c.selector() == s) {
          mine.add(c);
        }
      }
      conditionsBySelector[s] = mine.toArray(new JsonCondition[0]);
    }
  }

  /**
   * Compiles a JSON pattern; its first non-blank character must be {@code '{'}.
   *
   * @throws FilterPatternException when AWS would reject the pattern
   */
  static JsonPattern parse(String text, PatternOptions options) {
    return JsonPatternParser.parse(text);
  }

  @Override
  public boolean matches(String message) {
    if (!JsonEventScanner.looksLikeObject(message)) {
      return false;
    }
    JsonScan scan = new JsonScan(conditionsBySelector, conditions.size(), false);
    return JsonEventScanner.scan(message, selectors, scan) && root.eval(scan);
  }

  @Override
  public @Nullable PatternMatch match(String message) {
    if (!JsonEventScanner.looksLikeObject(message)) {
      return null;
    }
    JsonScan scan = new JsonScan(conditionsBySelector, conditions.size(), true);
    if (!JsonEventScanner.scan(message, selectors, scan) || !root.eval(scan)) {
      return null;
    }
    String[] first = new String[selectors.size()];
    Map<String, String> extracted = new LinkedHashMap<>();
    for (int s = 0; s < first.length; s++) {
      first[s] = scan.firstScalar(s);
      JsonSelector sel = selectors.get(s);
      if (!sel.hasWildcard() && first[s] != null) {
        extracted.put(sel.text(), first[s]);
      }
    }
    return new JsonPatternMatch(this, message, Collections.unmodifiableMap(extracted), first);
  }

  @Override
  public boolean canReference(String fieldRef) {
    JsonSelector ref = JsonSelector.parseReference(fieldRef);
    if (ref == null || ref.hasWildcard()) {
      return false;
    }
    int s = selectorIndex(ref);
    return s >= 0 && !selectors.get(s).hasWildcard();
  }

  /** The pattern as written. */
  String text() {
    return text;
  }

  /** The distinct selectors (by path), in order of first appearance. */
  List<JsonSelector> selectors() {
    return selectors;
  }

  /** The conditions, in order. */
  List<JsonCondition> conditions() {
    return conditions;
  }

  /** The index of the pattern's selector with the same path, or -1. */
  int selectorIndex(JsonSelector ref) {
    for (int s = 0; s < selectors.size(); s++) {
      if (selectors.get(s).steps().equals(ref.steps())) {
        return s;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return text;
  }
}
