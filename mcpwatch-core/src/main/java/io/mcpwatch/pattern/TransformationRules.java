package io.mcpwatch.pattern;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * PutMetricFilter's checks on a metric transformation (spec 1.5). Messages AWS is known to send
 * are used verbatim; where AWS's text is unknown the message is "Invalid metric transformation"
 * with a precise detail.
 */
final class TransformationRules {
  private TransformationRules() {}

  static final int MAX_NAME = 255;
  static final int MAX_METRIC_VALUE = 100;
  static final int MAX_DIMENSIONS = 3;

  static final String INVALID_TRANSFORMATION = "Invalid metric transformation";
  static final String DIMENSIONS_UNSUPPORTED =
      "The specified filter pattern does not support dimensions";
  static final String DIMENSIONS_AND_DEFAULT =
      "Invalid metric transformation: dimensions and default value are mutually exclusive"
          + " properties";

  static void validate(FilterPattern pattern, MetricTransformation t) {
    String text = pattern.text();
    name(text, "metricName", t.metricName());
    name(text, "metricNamespace", t.metricNamespace());
    metricValue(pattern, t.metricValue());
    Double dv = t.defaultValue();
    if (dv != null && !Double.isFinite(dv)) {
      throw error(text, INVALID_TRANSFORMATION, "defaultValue must be a finite number", null);
    }
    String unit = t.unit();
    if (unit != null && !StandardUnit.NAMES.contains(unit)) {
      throw error(
          text,
          constraint(unit, "unit", "Member must satisfy enum value set: " + StandardUnit.NAMES),
          "unit " + unit + " is not a CloudWatch StandardUnit",
          null);
    }
    dimensions(pattern, t.dimensions(), dv != null);
  }

  private static void name(String text, String member, String value) {
    if (value.isEmpty()) {
      throw error(
          text,
          constraint(value, member, "Member must have length greater than or equal to 1"),
          member + " is empty",
          null);
    }
    if (value.length() > MAX_NAME) {
      throw error(
          text,
          constraint(value, member, "Member must have length less than or equal to " + MAX_NAME),
          member + " is " + value.length() + " characters long; the limit is " + MAX_NAME,
          null);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ':' || c == '*' || c == '$') {
        throw error(
            text,
            constraint(value, member, "Member must satisfy regular expression pattern: [^:*$]*"),
            member + " contains " + Chars.describe(c) + "; ':', '*' and '$' are not allowed",
            null);
      }
    }
  }

  private static void metricValue(FilterPattern pattern, String value) {
    String text = pattern.text();
    if (value.length() > MAX_METRIC_VALUE) {
      throw error(
          text,
          constraint(
              value,
              "metricValue",
              "Member must have length less than or equal to " + MAX_METRIC_VALUE),
          "metricValue is " + value.length() + " characters long; the limit is " + MAX_METRIC_VALUE,
          null);
    }
    if (Numbers.isDecimal(value)) {
      if (Double.isNaN(Numbers.parse(value))) {
        throw error(text, INVALID_TRANSFORMATION, "metricValue " + value + " is too large", null);
      }
      return;
    }
    if (!isFieldRef(value)) {
      throw error(
          text,
          INVALID_TRANSFORMATION,
          "metricValue must be a number (1) or a field reference ($size, $7, $.latency), not "
              + value,
          Chars.isWord(value.isEmpty() ? ' ' : value.charAt(0))
              ? "to publish the value of a field, write $" + value
              : null);
    }
    reference(pattern, "metricValue", value);
  }

  private static void dimensions(FilterPattern pattern, Map<String, String> dims, boolean dflt) {
    String text = pattern.text();
    if (dims.isEmpty()) {
      return;
    }
    if (dims.size() > MAX_DIMENSIONS) {
      throw error(
          text,
          constraint(
              dims.toString(),
              "dimensions",
              "Member must have length less than or equal to " + MAX_DIMENSIONS),
          "there are " + dims.size() + " dimensions; the limit is " + MAX_DIMENSIONS,
          null);
    }
    if (dflt) {
      throw error(
          text,
          DIMENSIONS_AND_DEFAULT,
          "a metric transformation with dimensions cannot have a defaultValue",
          "drop defaultValue, or the dimensions (alarms can treat missing data as zero instead)");
    }
    PatternKind kind = pattern.kind();
    if (kind != PatternKind.JSON && kind != PatternKind.DELIMITED) {
      throw error(
          text,
          DIMENSIONS_UNSUPPORTED,
          "dimensions need a JSON or space-delimited pattern; this is a "
              + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + " pattern",
          "dimension values come from fields of the event, and only JSON and space-delimited"
              + " patterns have fields");
    }
    for (Map.Entry<String, String> e : dims.entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      if (key.isEmpty() || key.length() > MAX_NAME || value.length() > MAX_NAME) {
        throw error(
            text,
            INVALID_TRANSFORMATION,
            "dimension names and values must be 1 to " + MAX_NAME + " characters: " + key,
            null);
      }
      if (!isFieldRef(value)) {
        throw error(
            text,
            INVALID_TRANSFORMATION,
            "the value of dimension " + key + " must be a field reference ($name, $N or $.path),"
                + " not " + value,
            null);
      }
      reference(pattern, "dimension " + key, value);
    }
  }

  /** A field reference must name a field the pattern can extract (spec 2.3, 6 #15). */
  private static void reference(FilterPattern pattern, String what, String ref) {
    PatternKind kind = pattern.kind();
    if (kind != PatternKind.JSON && kind != PatternKind.DELIMITED) {
      throw error(
          pattern.text(),
          INVALID_TRANSFORMATION,
          what + " refers to the field " + ref + ", but a "
              + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + " pattern extracts no fields",
          "use a number such as 1, or a JSON or space-delimited pattern that has the field");
    }
    if (!pattern.canReference(ref)) {
      throw error(
          pattern.text(),
          INVALID_TRANSFORMATION,
          what + " refers to " + ref + ", which the pattern " + pattern.text() + " never extracts",
          kind == PatternKind.JSON
              ? "mention the field in the pattern, e.g. { " + ref + " = * }"
              : "name the field in the pattern, or use $N for the N-th unnamed field");
    }
  }

  /** {@code $.path}, {@code $name} or {@code $N}. */
  static boolean isFieldRef(String value) {
    if (value.length() < 2 || value.charAt(0) != '$') {
      return false;
    }
    if (value.charAt(1) == '.' || value.charAt(1) == '[') {
      return value.length() > 2 || value.charAt(1) == '[';
    }
    for (int i = 1; i < value.length(); i++) {
      if (!Chars.isWord(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** AWS's request-validation message for one member of the first metric transformation. */
  private static String constraint(String value, String member, String rule) {
    return "1 validation error detected: Value '"
        + value
        + "' at 'metricTransformations.1.member."
        + member
        + "' failed to satisfy constraint: "
        + rule;
  }

  private static FilterPatternException error(
      String pattern, String aws, String detail, @Nullable String hint) {
    return new FilterPatternException(pattern, aws, detail, 0, hint);
  }
}
