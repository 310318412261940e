package io.mcpwatch.pattern;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The match of a space-delimited pattern: the extracted values in event order ({@code $name} for
 * named fields, {@code $N} for the others); a field reference resolves to one of them.
 */
record FieldsMatch(Map<String, String> extractedValues) implements PatternMatch {

  FieldsMatch {
    extractedValues = Collections.unmodifiableMap(new LinkedHashMap<>(extractedValues));
  }

  @Override
  public Optional<String> field(String fieldRef) {
    return Optional.ofNullable(extractedValues.get(fieldRef));
  }
}
