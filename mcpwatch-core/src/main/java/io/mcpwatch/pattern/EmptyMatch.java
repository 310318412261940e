package io.mcpwatch.pattern;

import java.util.Map;
import java.util.Optional;

/** The match of a pattern that extracts nothing (term, regex and match-all patterns). */
enum EmptyMatch implements PatternMatch {
  INSTANCE;

  @Override
  public Map<String, String> extractedValues() {
    return Map.of();
  }

  @Override
  public Optional<String> field(String fieldRef) {
    return Optional.empty();
  }
}
