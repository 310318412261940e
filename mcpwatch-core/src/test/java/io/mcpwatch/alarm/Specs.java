package io.mcpwatch.alarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Fluent construction of {@link AlarmSpec}s for tests. */
public final class Specs {
  private String name = "test-alarm";
  private @Nullable String description;
  private String namespace = "MCP/Security";
  private String metricName = "Failures";
  private final Map<String, String> dimensions = new LinkedHashMap<>();
  private Statistic statistic = Statistic.Sum;
  private int period = 60;
  private int n = 1;
  private @Nullable Integer m;
  private ComparisonOperator op = ComparisonOperator.GreaterThanOrEqualToThreshold;
  private double threshold = 1.0;
  private @Nullable TreatMissingData treat;
  private boolean actionsEnabled = true;
  private final List<String> alarmActions = new ArrayList<>();
  private final List<String> okActions = new ArrayList<>();
  private final List<String> insufficientActions = new ArrayList<>();
  private @Nullable String unit;

  public static Specs spec() {
    return new Specs();
  }

  public Specs name(String v) {
    name = v;
    return this;
  }

  public Specs description(String v) {
    description = v;
    return this;
  }

  public Specs metric(String ns, String metric) {
    namespace = ns;
    metricName = metric;
    return this;
  }

  public Specs dimension(String k, String v) {
    dimensions.put(k, v);
    return this;
  }

  public Specs statistic(Statistic v) {
    statistic = v;
    return this;
  }

  public Specs period(int seconds) {
    period = seconds;
    return this;
  }

  public Specs evaluationPeriods(int v) {
    n = v;
    return this;
  }

  public Specs datapointsToAlarm(@Nullable Integer v) {
    m = v;
    return this;
  }

  public Specs op(ComparisonOperator v) {
    op = v;
    return this;
  }

  public Specs threshold(double v) {
    threshold = v;
    return this;
  }

  public Specs treat(@Nullable TreatMissingData v) {
    treat = v;
    return this;
  }

  public Specs actionsEnabled(boolean v) {
    actionsEnabled = v;
    return this;
  }

  public Specs alarmActions(String... v) {
    alarmActions.addAll(List.of(v));
    return this;
  }

  public Specs okActions(String... v) {
    okActions.addAll(List.of(v));
    return this;
  }

  public Specs insufficientDataActions(String... v) {
    insufficientActions.addAll(List.of(v));
    return this;
  }

  public Specs unit(@Nullable String v) {
    unit = v;
    return this;
  }

  public AlarmSpec build() {
    return new AlarmSpec(name, description, namespace, metricName, dimensions, statistic, period,
        n, m, op, threshold, treat, actionsEnabled, alarmActions, okActions, insufficientActions,
        unit);
  }
}
