package io.mcpwatch.config;

import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Alarm fields as written at one level (defaults, an alarm, an app's alarm, an override), or the
 * merge of several levels. Each value keeps where it was written. A field can also be
 * <em>cleared</em> (written as null: back to "not set") or <em>invalid</em> (written, but wrong:
 * the error has been reported and the combinations that use it are not resolved). Immutable.
 */
public final class AlarmSettings {
  private static final AlarmSettings EMPTY =
      new AlarmSettings(
          new EnumMap<>(AlarmField.class),
          EnumSet.noneOf(AlarmField.class),
          EnumSet.noneOf(AlarmField.class),
          Map.of(),
          Map.of());

  private final EnumMap<AlarmField, Located<?>> values;
  private final EnumSet<AlarmField> cleared;
  private final EnumSet<AlarmField> invalid;
  private final Map<String, Dimension> dimensions;
  private final Map<String, Dimension> alarmDimensions;
  // computed on first use: the thousands of alarms that inherit these settings share them
  private @Nullable Map<String, Dimension> effectiveDimensions;
  private @Nullable Map<String, Dimension> effectiveAlarmDimensions;

  private AlarmSettings(
      EnumMap<AlarmField, Located<?>> values,
      EnumSet<AlarmField> cleared,
      EnumSet<AlarmField> invalid,
      Map<String, Dimension> dimensions,
      Map<String, Dimension> alarmDimensions) {
    this.values = values;
    this.cleared = cleared;
    this.invalid = invalid;
    this.dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    this.alarmDimensions = Collections.unmodifiableMap(new LinkedHashMap<>(alarmDimensions));
  }

  public static AlarmSettings empty() {
    return EMPTY;
  }

  static Builder builder() {
    return new Builder();
  }

  /**
   * These settings with {@code top} applied over them: each field that {@code top} sets, clears or
   * has invalid replaces this one's; {@code dimensions} and {@code alarmDimensions} each merge by
   * name ({@code top} wins, a null value removes, clearing the key drops all inherited ones).
   */
  public AlarmSettings overlay(AlarmSettings top) {
    EnumMap<AlarmField, Located<?>> v = new EnumMap<>(AlarmField.class);
    v.putAll(values);
    EnumSet<AlarmField> c = EnumSet.copyOf(cleared);
    EnumSet<AlarmField> inv = EnumSet.copyOf(invalid);
    for (AlarmField f : AlarmField.values()) {
      if (f == AlarmField.DIMENSIONS || f == AlarmField.ALARM_DIMENSIONS) {
        continue;
      }
      if (top.values.containsKey(f)) {
        v.put(f, top.values.get(f));
        c.remove(f);
        inv.remove(f);
      } else if (top.cleared.contains(f)) {
        v.remove(f);
        c.add(f);
        inv.remove(f);
      }
      if (top.invalid.contains(f)) {
        inv.add(f);
      }
    }
    Map<String, Dimension> dims =
        mergeByName(AlarmField.DIMENSIONS, dimensions, top, top.dimensions, inv);
    Map<String, Dimension> watched =
        mergeByName(AlarmField.ALARM_DIMENSIONS, alarmDimensions, top, top.alarmDimensions, inv);
    return new AlarmSettings(v, c, inv, dims, watched);
  }

  private static Map<String, Dimension> mergeByName(
      AlarmField field,
      Map<String, Dimension> below,
      AlarmSettings top,
      Map<String, Dimension> over,
      EnumSet<AlarmField> invalid) {
    Map<String, Dimension> out = new LinkedHashMap<>();
    if (!top.cleared.contains(field)) {
      out.putAll(below);
    }
    if (top.invalid.contains(field)) {
      invalid.add(field);
    }
    out.putAll(over);
    return out;
  }

  /** Whether the field has a value here. */
  public boolean isSet(AlarmField field) {
    if (field == AlarmField.DIMENSIONS) {
      return !dimensions.isEmpty();
    }
    if (field == AlarmField.ALARM_DIMENSIONS) {
      return !alarmDimensions.isEmpty();
    }
    return values.containsKey(field);
  }

  /** Whether the field was written with a wrong value (already reported). */
  public boolean isInvalid(AlarmField field) {
    return invalid.contains(field);
  }

  /** The fields written with wrong values. */
  public Set<AlarmField> invalidFields() {
    return Collections.unmodifiableSet(invalid);
  }

  /** The field's value with its position, or null when not set. */
  public @Nullable Located<?> get(AlarmField field) {
    return values.get(field);
  }

  @SuppressWarnings("unchecked")
  private <T> @Nullable Located<T> typed(AlarmField field) {
    return (Located<T>) values.get(field);
  }

  public @Nullable Located<String> metric() {
    return typed(AlarmField.METRIC);
  }

  public @Nullable Located<String> pattern() {
    return typed(AlarmField.PATTERN);
  }

  public @Nullable Located<String> metricValue() {
    return typed(AlarmField.METRIC_VALUE);
  }

  public @Nullable Located<Double> defaultValue() {
    return typed(AlarmField.DEFAULT_VALUE);
  }

  /**
   * The dimensions by name, in the order written (including entries with a null value, which remove
   * an inherited dimension; see {@link #effectiveDimensions()}).
   */
  public Map<String, Dimension> dimensions() {
    return dimensions;
  }

  /** The dimensions that remain after removals. */
  public Map<String, Dimension> effectiveDimensions() {
    Map<String, Dimension> e = effectiveDimensions;
    if (e == null) {
      e = withoutRemovals(dimensions); // immutable, read through a final field: racing threads compute equal maps
      effectiveDimensions = e;
    }
    return e;
  }

  /**
   * The {@code alarmDimensions} by name, in the order written: the value the alarm watches for a
   * field dimension (entries with a null value remove an inherited one; see {@link
   * #effectiveAlarmDimensions()}).
   */
  public Map<String, Dimension> alarmDimensions() {
    return alarmDimensions;
  }

  /** The {@code alarmDimensions} that remain after removals. */
  public Map<String, Dimension> effectiveAlarmDimensions() {
    Map<String, Dimension> e = effectiveAlarmDimensions;
    if (e == null) {
      e = withoutRemovals(alarmDimensions);
      effectiveAlarmDimensions = e;
    }
    return e;
  }

  private static Map<String, Dimension> withoutRemovals(Map<String, Dimension> dims) {
    Map<String, Dimension> out = new LinkedHashMap<>();
    dims.forEach(
        (k, d) -> {
          if (d.value() != null) {
            out.put(k, d);
          }
        });
    return Collections.unmodifiableMap(out);
  }

  public @Nullable Located<String> unit() {
    return typed(AlarmField.UNIT);
  }

  public @Nullable Located<String> description() {
    return typed(AlarmField.DESCRIPTION);
  }

  public @Nullable Located<Statistic> statistic() {
    return typed(AlarmField.STATISTIC);
  }

  public @Nullable Located<Integer> period() {
    return typed(AlarmField.PERIOD);
  }

  public @Nullable Located<Integer> evaluationPeriods() {
    return typed(AlarmField.EVALUATION_PERIODS);
  }

  public @Nullable Located<Integer> datapointsToAlarm() {
    return typed(AlarmField.DATAPOINTS_TO_ALARM);
  }

  public @Nullable Located<ComparisonOperator> comparison() {
    return typed(AlarmField.COMPARISON);
  }

  public @Nullable Located<Double> threshold() {
    return typed(AlarmField.THRESHOLD);
  }

  public @Nullable Located<TreatMissingData> treatMissingData() {
    return typed(AlarmField.TREAT_MISSING_DATA);
  }

  public @Nullable Located<Boolean> actionsEnabled() {
    return typed(AlarmField.ACTIONS_ENABLED);
  }

  /** Topic names (with placeholders), each with its position. */
  public @Nullable Located<List<Located<String>>> alarmActions() {
    return typed(AlarmField.ALARM_ACTIONS);
  }

  public @Nullable Located<List<Located<String>>> okActions() {
    return typed(AlarmField.OK_ACTIONS);
  }

  public @Nullable Located<List<Located<String>>> insufficientDataActions() {
    return typed(AlarmField.INSUFFICIENT_DATA_ACTIONS);
  }

  public @Nullable Located<Boolean> enabled() {
    return typed(AlarmField.ENABLED);
  }

  @Override
  public String toString() {
    return "AlarmSettings"
        + values.values()
        + " dimensions="
        + dimensions.keySet()
        + (alarmDimensions.isEmpty() ? "" : " alarmDimensions=" + alarmDimensions.keySet())
        + (cleared.isEmpty() ? "" : " cleared=" + cleared)
        + (invalid.isEmpty() ? "" : " invalid=" + invalid);
  }

  /** Collects one level's fields while binding. */
  static final class Builder {
    private final EnumMap<AlarmField, Located<?>> values = new EnumMap<>(AlarmField.class);
    private final EnumSet<AlarmField> cleared = EnumSet.noneOf(AlarmField.class);
    private final EnumSet<AlarmField> invalid = EnumSet.noneOf(AlarmField.class);
    private final Map<String, Dimension> dimensions = new LinkedHashMap<>();
    private final Map<String, Dimension> alarmDimensions = new LinkedHashMap<>();

    Builder set(AlarmField field, Located<?> value) {
      values.put(field, value);
      return this;
    }

    Builder clear(AlarmField field) {
      cleared.add(field);
      return this;
    }

    Builder invalid(AlarmField field) {
      invalid.add(field);
      return this;
    }

    Builder dimension(Dimension d) {
      dimensions.put(d.name().value(), d);
      return this;
    }

    /** An {@code alarmDimensions} entry: the watched value of a field dimension. */
    Builder alarmDimension(Dimension d) {
      alarmDimensions.put(d.name().value(), d);
      return this;
    }

    AlarmSettings build() {
      return new AlarmSettings(
          new EnumMap<>(values),
          EnumSet.copyOf(cleared),
          EnumSet.copyOf(invalid),
          dimensions,
          alarmDimensions);
    }
  }
}
