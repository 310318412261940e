package io.mcpwatch.pattern;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The match of a space-delimited pattern.
 *
 * @param extractedValues in event order: {@code $name} for named fields, {@code $N} for the others
 *     (what AWS TestMetricFilter returns)
 * @param fields every field value by position; {@code $N} resolves to the N-th field even when it
 *     is named, as in the ExtractBytes example ({@code [ip, id, user, timestamp, request,
 *     status_code, size]} with metric value {@code $7})
 */
record FieldsMatch(Map<String, String> extractedValues, List<String> fields)
    implements PatternMatch {

  FieldsMatch {
    extractedValues = Collections.unmodifiableMap(new LinkedHashMap<>(extractedValues));
    fields = List.copyOf(fields);
  }

  @Override
  public Optional<String> field(String fieldRef) {
    String value = extractedValues.get(fieldRef);
    if (value != null) {
      return Optional.of(value);
    }
    int n = DelimitedPattern.positionalNumber(fieldRef);
    return n >= 1 && n <= fields.size() ? Optional.of(fields.get(n - 1)) : Optional.empty();
  }
}
