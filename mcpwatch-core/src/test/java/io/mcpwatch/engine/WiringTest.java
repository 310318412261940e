package io.mcpwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.EarlyFiring;
import io.mcpwatch.alarm.Specs;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.metrics.MetricKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The engine's wiring at scale (structure, not timing: the cost curve is in docs/benchmarks.md),
 * and the one-pass computation of the sample sign reaching each series against the definition.
 */
class WiringTest {

  private static final int APPS = 5_000;

  /** 5,000 apps x 4 alarms, each app on its own log group, as a fleet of MCP servers. */
  private static List<ResolvedAlarm> fleet() {
    List<ResolvedAlarm> out = new ArrayList<>();
    for (int i = 0; i < APPS; i++) {
      String app = "app" + i;
      String group = "/mcp/" + app;
      out.add(Fixture.resolved("prod", group, "\"OBO token exchange failed\"",
          Specs.spec().name(app + "-obo").metric("MCP/Security", "OboFailures")
              .dimension("MCP", app).threshold(5).build(), "1", null, Map.of()));
      // a negative constant: Sum >= threshold is not certain before the boundary
      out.add(Fixture.resolved("prod", group, "CREDIT",
          Specs.spec().name(app + "-credit").metric("MCP/Security", "Credits")
              .dimension("MCP", app).threshold(1).build(), "-1", null, Map.of()));
      // an extracted value: Sum is not eligible, Maximum is
      out.add(Fixture.resolved("prod", group, "[kind=LAT, ms]",
          Specs.spec().name(app + "-latency").metric("MCP/Perf", "Latency")
              .dimension("MCP", app).statistic(Statistic.Maximum).threshold(1000).build(),
          "$ms", null, Map.of()));
      // shares the OBO filter (same text and transformation): one route, one series
      out.add(Fixture.resolved("prod", group, "\"OBO token exchange failed\"",
          Specs.spec().name(app + "-obo-burst").metric("MCP/Security", "OboFailures")
              .dimension("MCP", app).threshold(20).build(), "1", null, Map.of()));
    }
    return out;
  }

  @Test
  void wiring_twentyThousandAlarmsGetOneRouteAndSeriesPerFilterAndTheirOwnEligibility() {
    List<ResolvedAlarm> alarms = fleet();
    assertThat(alarms).hasSize(20_000);

    Wiring w = new Wiring(alarms, EngineOptions.defaults(), FilterBinding::of);

    assertThat(w.alarms).hasSize(20_000);
    assertThat(w.routes).hasSize(3 * APPS);
    assertThat(w.series).hasSize(3 * APPS);
    assertThat(w.routesByGroup).hasSize(APPS);
    assertThat(w.routesByGroup.values()).allSatisfy(rs -> assertThat(rs).hasSize(3));
    assertThat(w.seriesByKey).hasSize(3 * APPS);
    for (int i = 0; i < APPS; i++) {
      int k = 4 * i;
      String app = "app" + i;
      AlarmRuntime obo = w.alarms.get(k);
      AlarmRuntime credit = w.alarms.get(k + 1);
      AlarmRuntime latency = w.alarms.get(k + 2);
      AlarmRuntime burst = w.alarms.get(k + 3);
      assertThat(obo.spec.alarmName()).isEqualTo(app + "-obo");
      assertThat(obo.route).isSameAs(burst.route);
      assertThat(obo.series).isSameAs(burst.series);
      assertThat(obo.series.watchers).containsExactly(obo, burst);
      assertThat(obo.series.earlyWatchers).containsExactly(obo, burst);
      assertThat(obo.route.targets).containsExactly(obo.series);
      assertThat(credit.earlyEligible).isFalse();
      assertThat(credit.series.earlyWatchers).isEmpty();
      assertThat(latency.earlyEligible).isTrue();
      assertThat(latency.route.targets).containsExactly(latency.series);
      assertThat(w.routesByGroup.get("/mcp/" + app))
          .containsExactly(obo.route, credit.route, latency.route);
      assertThat(w.seriesByKey.get(new MetricKey("prod", "MCP/Perf", "Latency",
          Map.of("MCP", app)))).containsExactly(latency.series);
    }
  }

  @Test
  void wiring_aDynamicRouteReachesTheSeriesOfItsMetricInEveryApp() {
    List<ResolvedAlarm> alarms = new ArrayList<>(fleet());
    // one filter that extracts the MCP dimension and publishes -1 into OboFailures: any app's
    // series of that metric may receive a negative sample, so no OBO alarm may fire early
    alarms.add(Fixture.resolved("prod", "/shared", "[kind=REFUND, app]",
        Specs.spec().name("refunds").metric("MCP/Security", "OboFailures")
            .dimension("MCP", "app0").threshold(1).build(),
        "-1", null, Map.of("MCP", "$app")));
    // the same in another environment reaches nothing in prod
    alarms.add(Fixture.resolved("dev", "/shared", "[kind=REFUND, app]",
        Specs.spec().name("refunds").metric("MCP/Perf", "Latency")
            .dimension("MCP", "app0").threshold(1).build(),
        "-1", null, Map.of("MCP", "$app")));

    Wiring w = new Wiring(alarms, EngineOptions.defaults(), FilterBinding::of);

    for (int i = 0; i < APPS; i++) {
      assertThat(w.alarms.get(4 * i).earlyEligible).isFalse();
      assertThat(w.alarms.get(4 * i + 3).earlyEligible).isFalse();
      assertThat(w.alarms.get(4 * i + 2).earlyEligible).isTrue(); // Maximum: any sign
    }
    assertThat(w.routesByGroup.get("/shared")).hasSize(2);
  }

  @Test
  void signsReaching_equalsTheSignOfEveryRouteThatCanPublishIntoTheSeries() {
    qt().withExamples(300).forAll(longs().all()).check(seed -> {
      Wiring w = new Wiring(randomAlarms(new Random(seed)), EngineOptions.defaults(),
          FilterBinding::of);
      Map<SeriesState, EarlyFiring.SampleSign> signs =
          Wiring.signsReaching(w.routes, w.series);
      return w.series.stream().allMatch(st -> signs.get(st) == bySearch(w.routes, st));
    });
  }

  /** The definition: every route checked against the series. */
  private static EarlyFiring.SampleSign bySearch(List<Route> routes, SeriesState st) {
    EarlyFiring.SampleSign sign = EarlyFiring.SampleSign.ZERO;
    MetricKey key = st.series.key();
    for (Route r : routes) {
      boolean reaches = r.dynamic
          ? r.env.equals(key.env())
              && r.transformation.metricNamespace().equals(key.namespace())
              && r.transformation.metricName().equals(key.metricName())
          : List.of(r.targets).contains(st);
      if (reaches) {
        sign = sign.and(r.sign);
      }
    }
    return sign;
  }

  private static final String[] VALUES = {"1", "2", "0", "-1", "$v"};
  private static final Double[] DEFAULTS = {null, null, 0.0, 1.0, -1.0};

  private static List<ResolvedAlarm> randomAlarms(Random r) {
    List<ResolvedAlarm> out = new ArrayList<>();
    int count = 1 + r.nextInt(12);
    for (int i = 0; i < count; i++) {
      String env = r.nextBoolean() ? "prod" : "dev";
      String app = "a" + r.nextInt(3);
      boolean dynamic = r.nextInt(4) == 0;
      AlarmSpec spec = Specs.spec().name("x" + i)
          .metric(r.nextBoolean() ? "NS" : "NS2", r.nextBoolean() ? "M" : "N")
          .dimension("MCP", app)
          .statistic(Statistic.values()[r.nextInt(Statistic.values().length)])
          .op(ComparisonOperator.values()[r.nextInt(ComparisonOperator.values().length)])
          .unit(r.nextInt(4) == 0 ? "Count" : null)
          .build();
      String value = VALUES[r.nextInt(VALUES.length)];
      Double dflt = dynamic ? null : DEFAULTS[r.nextInt(DEFAULTS.length)];
      out.add(Fixture.resolved(env, "/g" + r.nextInt(2), "[f1, v, app]", spec, value, dflt,
          dynamic ? Map.of("MCP", "$app") : Map.of()));
    }
    return out;
  }
}
