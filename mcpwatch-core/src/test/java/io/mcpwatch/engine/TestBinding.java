package io.mcpwatch.engine;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.pattern.MetricFilter;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.pattern.Observation;
import io.mcpwatch.pattern.PatternOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in metric filter for engine tests, independent of the pattern implementation: the
 * pattern is a plain substring; a {@code $field} metric value or dimension reads {@code field=<token>}
 * from the message. Constant matches and defaults return shared instances, like the real filter.
 */
final class TestBinding implements FilterBinding {
  private final String term;
  private final MetricTransformation t;
  private final Observation.@Nullable Published constant;
  private final Observation.@Nullable Published defaultObservation;
  private int throwOn = -1;

  TestBinding(String term, MetricTransformation t) {
    this.term = term;
    this.t = t;
    Double c = parse(t.metricValue());
    this.constant = c != null && t.dimensions().isEmpty()
        ? new Observation.Published(c, Map.of(), false) : null;
    this.defaultObservation = t.defaultValue() != null
        ? new Observation.Published(t.defaultValue(), Map.of(), true) : null;
  }

  /** Makes {@link #observe} throw for messages containing "BOOM" (a filter bug stand-in). */
  TestBinding throwingOnBoom() {
    throwOn = 1;
    return this;
  }

  @Override
  public String patternText() {
    return term;
  }

  @Override
  public MetricTransformation transformation() {
    return t;
  }

  @Override
  public Observation observe(String message) {
    if (throwOn > 0 && message.contains("BOOM")) {
      throw new IllegalStateException("filter bug");
    }
    if (!message.contains(term)) {
      return defaultObservation != null ? defaultObservation : Observation.NoMatch.INSTANCE;
    }
    if (constant != null) {
      return constant;
    }
    Double value = parse(t.metricValue());
    if (value == null) {
      String raw = field(message, t.metricValue().substring(1));
      value = raw == null ? null : parse(raw);
      if (value == null) {
        return new Observation.NotPublished("metric value not numeric");
      }
    }
    Map<String, String> dims = new HashMap<>();
    for (Map.Entry<String, String> d : t.dimensions().entrySet()) {
      String v = field(message, d.getValue().substring(1));
      if (v == null) {
        return new Observation.NotPublished("dimension " + d.getKey() + " missing");
      }
      dims.put(d.getKey(), v);
    }
    return new Observation.Published(value, dims, false);
  }

  private static @Nullable String field(String message, String name) {
    for (String token : message.split(" ")) {
      if (token.startsWith(name + "=")) {
        return token.substring(name.length() + 1);
      }
    }
    return null;
  }

  private static @Nullable Double parse(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Bindings for an engine: each alarm's filter is looked up by alarm key. */
  static Function<ResolvedAlarm, FilterBinding> lookup(Map<ResolvedAlarm, TestBinding> bindings) {
    return a -> {
      TestBinding b = bindings.get(a);
      if (b == null) {
        throw new IllegalArgumentException("no test binding for " + a.alarm());
      }
      return b;
    };
  }

  /**
   * A MetricFilter object to satisfy {@link ResolvedAlarm}: compiled when the pattern
   * implementation is present, otherwise the stub's no-argument constructor.
   */
  static MetricFilter placeholderFilter(String pattern, MetricTransformation t) {
    try {
      return MetricFilter.compile(pattern, t, PatternOptions.defaults());
    } catch (UnsupportedOperationException notYet) {
      try {
        return MetricFilter.class.getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
