package io.mcpwatch.alarm;

import java.util.Locale;

/** How an alarm treats missing datapoints (spec 3.5). */
public enum TreatMissingData {
  missing,
  ignore,
  breaching,
  notBreaching;

  /** The spelling used in the StateReason, e.g. {@code [NonBreaching]}. */
  public String reasonName() {
    switch (this) {
      case breaching:
        return "Breaching";
      case notBreaching:
        return "NonBreaching";
      case ignore:
        return "Ignore";
      default:
        return "Missing";
    }
  }

  public static TreatMissingData parse(String s) {
    for (TreatMissingData t : values()) {
      if (t.name().equals(s)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "expected one of missing, ignore, breaching, notBreaching; found " + s.toLowerCase(Locale.ROOT));
  }
}
