package io.mcpwatch.lint;

import io.mcpwatch.config.AlarmInstance;
import io.mcpwatch.config.AlarmSettings;
import io.mcpwatch.config.Dimension;
import io.mcpwatch.config.Located;
import java.util.ArrayList;
import java.util.List;

/**
 * Dimensions: static values CloudWatch cannot express (mcpwatch adds them itself), and field
 * dimensions that split the metric so that the alarm, which watches one exact dimension set, never
 * sees the samples.
 */
final class DimensionRules {
  private DimensionRules() {}

  static final String STATIC = "static-dimension";
  static final String FIELD = "field-dimension-unwatched";

  /** Static values where they are written. */
  static void checkWritten(AlarmSettings settings, Findings out) {
    for (Dimension d : settings.dimensions().values()) {
      Located<String> v = d.value();
      if (v == null || !v.inFile() || d.isFieldReference()) {
        continue;
      }
      out.add(
          Severity.INFO,
          STATIC,
          v.path(),
          v.line(),
          v.column(),
          "CloudWatch metric filters cannot set a static dimension value: dimension values must be"
              + " fields of the event ($name, $.path) and term patterns have no fields. mcpwatch"
              + " adds "
              + d.name().value()
              + " = "
              + v.value()
              + " to every sample itself, and the alarm watches it",
          "to do the same in CloudWatch, put the app in the metric name (metric: \"{app}-Errors\")"
              + " or drop the dimension; here it can stay");
    }
  }

  static void check(AlarmInstance instance, Findings out) {
    List<String> watched = new ArrayList<>();
    for (Dimension d : instance.settings().effectiveDimensions().values()) {
      if (!d.isFieldReference()) {
        watched.add(d.name().value());
      }
    }
    for (Dimension d : instance.settings().effectiveDimensions().values()) {
      if (!d.isFieldReference()) {
        continue;
      }
      out.at(
          d.name(),
          instance,
          Severity.WARNING,
          FIELD,
          "dimension "
              + d.name().value()
              + " takes its value from each event, so every value is a"
              + " separate metric; the alarm watches exactly "
              + (watched.isEmpty() ? "the metric without dimensions" : "the dimensions " + watched)
              + " and never sees these samples",
          "remove the field dimension from the alarm's metric (a dashboard metric needs its own"
              + " filter)");
    }
  }
}
