package io.mcpwatch.pattern;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A filter pattern plus its metric transformation, validated together the way PutMetricFilter
 * validates them (spec 1.5). Immutable and thread-safe.
 *
 * <p>{@link #observe} decides what one event contributes (spec 2): a matching event publishes the
 * metric value (a constant, or the number in the referenced field) with the dimension values taken
 * from its fields; a matching event whose value is not a number, or whose dimension field is
 * missing or empty, publishes nothing ({@link Observation.NotPublished}); a non-matching event
 * publishes the default value if there is one.
 */
public final class MetricFilter {
  private final FilterPattern pattern;
  private final MetricTransformation transformation;
  private final @Nullable String valueRef;
  private final String[] dimensionNames;
  private final String[] dimensionRefs;

  /** The shared observation of a match when the value is constant and there are no dimensions. */
  private final Observation.@Nullable Published constant;

  private final Observation noMatch;
  private final PatternOptions options;

  private MetricFilter(FilterPattern pattern, MetricTransformation t, PatternOptions options) {
    this.pattern = pattern;
    this.options = options;
    this.transformation = t;
    this.valueRef = t.metricValue().startsWith("$") ? t.metricValue() : null;
    this.dimensionNames = t.dimensions().keySet().stream().sorted().toArray(String[]::new);
    this.dimensionRefs = new String[dimensionNames.length];
    for (int i = 0; i < dimensionNames.length; i++) {
      dimensionRefs[i] = t.dimensions().get(dimensionNames[i]);
    }
    this.constant =
        valueRef == null && dimensionNames.length == 0
            ? new Observation.Published(Numbers.parse(t.metricValue()), Map.of(), false)
            : null;
    Double dv = t.defaultValue();
    this.noMatch =
        dv == null ? Observation.NoMatch.INSTANCE : new Observation.Published(dv, Map.of(), true);
  }

  /**
   * @throws FilterPatternException when AWS would reject the pattern or the transformation (with
   *     AWS's message, e.g. dimensions together with a default value)
   */
  public static MetricFilter compile(
      String pattern, MetricTransformation transformation, PatternOptions options) {
    Objects.requireNonNull(transformation, "transformation");
    return of(FilterPattern.compile(pattern, options), transformation, options);
  }

  /**
   * A filter on a pattern compiled already with {@code options} (one compiled pattern may serve
   * many filters: thousands of alarms of one configuration share a handful of patterns).
   *
   * @throws FilterPatternException when AWS would reject the transformation for this pattern
   */
  public static MetricFilter of(
      FilterPattern compiled, MetricTransformation transformation, PatternOptions options) {
    Objects.requireNonNull(compiled, "compiled");
    Objects.requireNonNull(transformation, "transformation");
    TransformationRules.validate(compiled, transformation);
    return new MetricFilter(compiled, transformation, options);
  }

  /**
   * This filter for one thread of a parallel replay: the same filter on that thread's copy of its
   * pattern ({@link ThreadCopies}), or this filter when the pattern is shared as it is.
   */
  public MetricFilter forAnotherThread(ThreadCopies copies) {
    FilterPattern own = copies.of(pattern, options);
    return own == pattern ? this : new MetricFilter(own, transformation, options);
  }

  public FilterPattern pattern() {
    return pattern;
  }

  public MetricTransformation transformation() {
    return transformation;
  }

  /**
   * What this event contributes. For the common case (a constant metric value, no dimensions) a
   * match returns a shared instance: no allocation on the hot path.
   */
  public Observation observe(String message) {
    Observation.Published c = constant;
    if (c != null) {
      return pattern.matches(message) ? c : noMatch;
    }
    PatternMatch match = pattern.match(message);
    return match == null ? noMatch : observe(match);
  }

  /** What a matched event contributes, given its match. */
  Observation observe(PatternMatch match) {
    Observation.Published c = constant;
    if (c != null) {
      return c;
    }
    double value;
    String ref = valueRef;
    if (ref == null) {
      value = Numbers.parse(transformation.metricValue());
    } else {
      Optional<String> text = match.field(ref);
      if (text.isEmpty()) {
        return new Observation.NotPublished("metricValue " + ref + ": the field is not present");
      }
      value = Numbers.parse(text.get());
      if (Double.isNaN(value)) {
        return new Observation.NotPublished(
            "metricValue " + ref + ": '" + text.get() + "' is not a number");
      }
    }
    Map<String, String> dimensions = new LinkedHashMap<>();
    for (int i = 0; i < dimensionNames.length; i++) {
      Optional<String> v = match.field(dimensionRefs[i]);
      if (v.isEmpty() || v.get().isEmpty()) {
        return new Observation.NotPublished(
            "dimension "
                + dimensionNames[i]
                + " ("
                + dimensionRefs[i]
                + "): "
                + (v.isEmpty() ? "the field is not present" : "the value is empty"));
      }
      if (v.get().length() > TransformationRules.MAX_NAME) {
        return new Observation.NotPublished(
            "dimension " + dimensionNames[i] + ": the value is longer than 255 characters");
      }
      dimensions.put(dimensionNames[i], v.get());
    }
    return new Observation.Published(value, dimensions, false);
  }

  /** The observation of an event that does not match: the default value, or {@code NoMatch}. */
  Observation noMatch() {
    return noMatch;
  }

  @Override
  public String toString() {
    return "MetricFilter[" + pattern.text() + " -> " + transformation + "]";
  }
}
