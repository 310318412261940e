package io.mcpwatch.pattern;

import java.util.Map;

/** What one event contributes to a metric filter's metric (spec section 2). */
public sealed interface Observation
    permits Observation.Published, Observation.NotPublished, Observation.NoMatch {

  /** The event matched (or the default value applies) and publishes one sample. */
  record Published(double value, Map<String, String> dimensions, boolean isDefault)
      implements Observation {
    public Published {
      dimensions = Map.copyOf(dimensions);
    }
  }

  /** The event matched, but the value or a dimension could not be extracted: nothing is published. */
  record NotPublished(String reason) implements Observation {}

  /** The event did not match and there is no default value. */
  enum NoMatch implements Observation {
    INSTANCE
  }
}
