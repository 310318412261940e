package io.mcpwatch.lint;

import io.mcpwatch.config.AlarmInstance;
import io.mcpwatch.config.AlarmSettings;
import io.mcpwatch.config.Dimension;
import io.mcpwatch.config.Located;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dimensions: static values CloudWatch cannot express (mcpwatch adds them itself), and field
 * dimensions that split the metric while the alarm names no value for them ({@code
 * alarmDimensions}), so that the alarm, which watches one exact dimension set, never sees a sample.
 */
final class DimensionRules {
  private DimensionRules() {}

  static final String STATIC = "static-dimension";
  static final String FIELD = "field-dimension-unwatched";
  static final String NUMBER_TEXT = "alarm-dimension-number-text";

  /** 503.0, 0503, +503: integers written so that they are not the text a log line carries. */
  private static final java.util.regex.Pattern NON_CANONICAL_INTEGER =
      java.util.regex.Pattern.compile("\\+?0*(\\d+)(\\.0*)?");

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

  /**
   * A field dimension without a watched value: CloudWatch publishes one metric per value of the
   * field, and the alarm watches exactly its own dimension set, which then lacks the dimension; no
   * sample ever reaches it. {@code alarmDimensions} names the value to watch.
   */
  static void check(AlarmInstance instance, Findings out) {
    Map<String, Dimension> watchedValues = instance.settings().effectiveAlarmDimensions();
    List<Dimension> unwatched = new ArrayList<>();
    for (Dimension d : instance.settings().effectiveDimensions().values()) {
      if (d.isFieldReference() && !watchedValues.containsKey(d.name().value())) {
        unwatched.add(d);
      }
    }
    checkNumberText(instance, watchedValues, out);
    if (unwatched.isEmpty()) {
      return;
    }
    String watched = watchedSet(instance);
    for (Dimension d : unwatched) {
      String name = d.name().value();
      String field = d.value() == null ? "" : d.value().value();
      out.at(
          d.name(),
          instance,
          Severity.WARNING,
          FIELD,
          "dimension "
              + name
              + " takes its value from each event, so the filter publishes one metric per value of "
              + field
              + " ("
              + name
              + " = <value>), and an alarm watches exactly one dimension set, as in CloudWatch;"
              + " the alarm names no value for "
              + name
              + ", so it watches "
              + watched
              + ", a metric no event publishes: it never gets a datapoint and stays"
              + " INSUFFICIENT_DATA (or what treatMissingData says) however many lines match",
          "name the value to watch under the alarm: alarmDimensions: { "
              + name
              + ": \"<value>\" } (one alarm per value), or remove "
              + name
              + " from dimensions to count every matching event in one metric");
    }
  }

  /**
   * A watched value of a field dimension written as a number in another form than a log writes it
   * ({@code 503.0}, {@code 0503}): dimension values are text, compared exactly, as in CloudWatch, so
   * the alarm would watch {@code Status = 503.0} while the events publish {@code Status = 503}.
   */
  private static void checkNumberText(
      AlarmInstance instance, Map<String, Dimension> watchedValues, Findings out) {
    Map<String, Dimension> dims = instance.settings().effectiveDimensions();
    for (Dimension w : watchedValues.values()) {
      Dimension d = dims.get(w.name().value());
      Located<String> v = w.value();
      if (d == null || !d.isFieldReference() || v == null || !v.inFile()) {
        continue;
      }
      java.util.regex.Matcher m = NON_CANONICAL_INTEGER.matcher(v.value());
      if (!m.matches() || m.group(0).equals(m.group(1))) {
        continue;
      }
      String canonical = m.group(1).replaceFirst("^0+(?=\\d)", "");
      String name = w.name().value();
      out.at(
          v,
          instance,
          Severity.WARNING,
          NUMBER_TEXT,
          "the alarm watches "
              + name
              + " = "
              + v.value()
              + ", but a dimension value is the text of the event's field, compared exactly (as in"
              + " CloudWatch): an event with "
              + canonical
              + " publishes "
              + name
              + " = "
              + canonical
              + ", never "
              + v.value()
              + ", so the alarm would watch a metric no such event publishes",
          "write the value as the logs write it: alarmDimensions: { " + name + ": \""
              + canonical + "\" }");
    }
  }

  /**
   * The dimension set the alarm watches as written, e.g. {@code {MCP = {app}}} (placeholders kept,
   * so that the finding is reported once for every app and environment), for messages.
   */
  private static String watchedSet(AlarmInstance instance) {
    Map<String, String> dims = new LinkedHashMap<>();
    instance.settings().effectiveDimensions().forEach((k, d) -> {
      if (!d.isFieldReference() && d.value() != null) {
        dims.put(k, d.value().value());
      }
    });
    instance.settings().effectiveAlarmDimensions().forEach((k, d) -> {
      if (d.value() != null) {
        dims.put(k, d.value().value());
      }
    });
    if (dims.isEmpty()) {
      return "the metric without dimensions";
    }
    List<String> parts = new ArrayList<>();
    dims.forEach((k, v) -> parts.add(k + " = " + v));
    return "the metric with only {" + String.join(", ", parts) + "}";
  }
}
