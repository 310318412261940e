package io.mcpwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateReasonDataTest {

  private static long at(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  private static String json(AlarmSpec spec, List<Datapoint> range, String queryDate) {
    Evaluation ev = AlarmEvaluator.evaluate(spec, range, AlarmState.OK);
    return StateReasonData.json(spec, ev, at(queryDate));
  }

  @Test
  void json_matchesSpecExampleKeyOrderWithUnit() {
    // spec 3.7's example; its evaluated value (99.5) disagrees with its recent value, so one
    // datapoint of 99.50160229693434 is used for both
    AlarmSpec spec = Specs.spec().statistic(Statistic.Average).period(300).threshold(50.0)
        .op(ComparisonOperator.GreaterThanThreshold).unit("Seconds").build();
    long start = at("2019-10-02T16:59:00Z");
    List<Datapoint> range = List.of(Datapoint.missing(start - 600_000),
        Datapoint.missing(start - 300_000), Datapoint.of(start, 99.50160229693434, 2));
    assertThat(json(spec, range, "2019-10-02T17:04:40.985Z")).isEqualTo(
        "{\"version\":\"1.0\",\"queryDate\":\"2019-10-02T17:04:40.985+0000\","
            + "\"startDate\":\"2019-10-02T16:59:00.000+0000\",\"unit\":\"Seconds\","
            + "\"statistic\":\"Average\",\"period\":300,\"recentDatapoints\":[99.50160229693434],"
            + "\"threshold\":50.0,\"evaluatedDatapoints\":[{\"timestamp\":"
            + "\"2019-10-02T16:59:00.000+0000\",\"sampleCount\":2.0,\"value\":99.50160229693434}]}");
  }

  @Test
  void json_recentOldestFirstEvaluatedNewestFirstWithoutUnit() {
    // after a captured DynamoDB alarm: N = 2, Sum > 42, datapoints 1.0 (14:01) and 0.0 (14:02)
    AlarmSpec spec = Specs.spec().evaluationPeriods(2).threshold(42.0)
        .op(ComparisonOperator.GreaterThanThreshold).build();
    List<Datapoint> range = List.of(Datapoint.missing(at("2023-01-09T13:59:00Z")),
        Datapoint.missing(at("2023-01-09T14:00:00Z")),
        Datapoint.of(at("2023-01-09T14:01:00Z"), 1.0, 1),
        Datapoint.of(at("2023-01-09T14:02:00Z"), 0.0, 1));
    assertThat(json(spec, range, "2023-01-09T14:07:25.504Z")).isEqualTo(
        "{\"version\":\"1.0\",\"queryDate\":\"2023-01-09T14:07:25.504+0000\","
            + "\"startDate\":\"2023-01-09T14:01:00.000+0000\",\"statistic\":\"Sum\","
            + "\"period\":60,\"recentDatapoints\":[1.0,0.0],\"threshold\":42.0,"
            + "\"evaluatedDatapoints\":[{\"timestamp\":\"2023-01-09T14:02:00.000+0000\","
            + "\"sampleCount\":1.0,\"value\":0.0},{\"timestamp\":\"2023-01-09T14:01:00.000+0000\","
            + "\"sampleCount\":1.0,\"value\":1.0}]}");
  }

  @Test
  void json_allMissingHasNoStartDateAndEmptyRecentDatapoints() {
    // a captured all-missing reason data (2017)
    AlarmSpec spec = Specs.spec().statistic(Statistic.Average).threshold(1.0)
        .treat(TreatMissingData.breaching).build();
    long t = at("2017-12-06T02:07:00Z");
    List<Datapoint> range = List.of(Datapoint.missing(t - 180_000), Datapoint.missing(t - 120_000),
        Datapoint.missing(t - 60_000));
    assertThat(json(spec, range, "2017-12-06T02:07:44.354Z")).isEqualTo(
        "{\"version\":\"1.0\",\"queryDate\":\"2017-12-06T02:07:44.354+0000\","
            + "\"statistic\":\"Average\",\"period\":60,\"recentDatapoints\":[],"
            + "\"threshold\":1.0}");
  }

  @Test
  void json_missingEvaluatedEntriesCarryOnlyTimestamp() {
    AlarmSpec spec = Specs.spec().evaluationPeriods(2).treat(TreatMissingData.breaching).build();
    long t = at("2024-01-01T00:00:00Z");
    List<Datapoint> range = List.of(Datapoint.missing(t), Datapoint.missing(t + 60_000),
        Datapoint.of(t + 120_000, 3.0, 3), Datapoint.missing(t + 180_000));
    assertThat(json(spec, range, "2024-01-01T00:04:00Z")).isEqualTo(
        "{\"version\":\"1.0\",\"queryDate\":\"2024-01-01T00:04:00.000+0000\","
            + "\"startDate\":\"2024-01-01T00:02:00.000+0000\",\"statistic\":\"Sum\","
            + "\"period\":60,\"recentDatapoints\":[3.0],\"threshold\":1.0,"
            + "\"evaluatedDatapoints\":[{\"timestamp\":\"2024-01-01T00:03:00.000+0000\"},"
            + "{\"timestamp\":\"2024-01-01T00:02:00.000+0000\",\"sampleCount\":3.0,"
            + "\"value\":3.0}]}");
  }

  /**
   * An engine writes its transitions' reason data with one generator ({@link
   * StateReasonData.Writer}): 3,000 random evaluations in a row (units with quotes, control and
   * non-ASCII characters, every statistic, missing and real datapoints, infinite and negative
   * values) give, one after the other, exactly the texts of a generator per text.
   */
  @Test
  void writer_manyEvaluationsInARow_writesWhatAGeneratorPerTextWrites() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(2026_12_07L);
    String[] units = {null, "Seconds", "Count", "q\"uote", "back\\slash", "tab\tnew\nline",
        "\u0001ctl\u001f", "caf\u00e9 \u2603 \ud83d\ude00", ""};
    double[] values = {0.0, -0.0, 1.0, -3.5, 1e-300, 1e300, 99.50160229693434,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE};
    int[] periods = {10, 30, 60, 300, 3600};
    StateReasonData.Writer writer = new StateReasonData.Writer();
    for (int i = 0; i < 3_000; i++) {
      int n = 1 + r.nextInt(5);
      AlarmSpec spec = Specs.spec()
          .statistic(Statistic.values()[r.nextInt(Statistic.values().length)])
          .period(periods[r.nextInt(periods.length)])
          .evaluationPeriods(n)
          .datapointsToAlarm(r.nextBoolean() ? null : 1 + r.nextInt(n))
          .op(ComparisonOperator.values()[r.nextInt(ComparisonOperator.values().length)])
          .threshold(r.nextBoolean() ? r.nextInt(10) : r.nextDouble() * 1e6 - 5e5)
          .treat(r.nextBoolean() ? null
              : TreatMissingData.values()[r.nextInt(TreatMissingData.values().length)])
          .unit(units[r.nextInt(units.length)])
          .build();
      long end = 1_700_000_000_000L + r.nextLong(1L << 40) - (1L << 39);
      long p = spec.periodSeconds() * 1000L;
      java.util.List<Datapoint> range = new java.util.ArrayList<>();
      for (int k = n - 1; k >= 0; k--) {
        long start = end - (k + 1) * p;
        range.add(r.nextInt(3) == 0 ? Datapoint.missing(start)
            : Datapoint.of(start, r.nextBoolean() ? values[r.nextInt(values.length)]
                : r.nextDouble() * 100, 1 + r.nextInt(1000)));
      }
      AlarmState before = AlarmState.values()[r.nextInt(AlarmState.values().length)];
      Evaluation ev = AlarmEvaluator.evaluate(spec, range, before);
      long query = end + r.nextInt(60_000);
      assertThat(writer.json(spec, ev, query))
          .as("evaluation %d", i)
          .isEqualTo(StateReasonData.json(spec, ev, query));
    }
  }

  /**
   * Thousands of alarms without data at one boundary share their text per kind: 4,000 all-missing
   * evaluations of specs that differ in one field at a time (unit, statistic, period, threshold,
   * 0.0 against -0.0), at a few query times in turn, give what a generator per text gives.
   */
  @Test
  void writer_evaluationsWithoutDataAtOneBoundary_writeEachSpecsOwnText() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    String[] units = {null, "Count", "Seconds"};
    double[] thresholds = {0.0, -0.0, 1.0, 5.0, 0.5};
    int[] periods = {60, 300};
    long[] queries = {1_772_409_660_000L, 1_772_409_720_000L, 1_772_409_720_001L};
    StateReasonData.Writer writer = new StateReasonData.Writer();
    java.util.Set<String> texts = new java.util.HashSet<>();
    for (int i = 0; i < 4_000; i++) {
      int n = 1 + r.nextInt(3);
      AlarmSpec spec = Specs.spec()
          .statistic(Statistic.values()[r.nextInt(Statistic.values().length)])
          .period(periods[r.nextInt(periods.length)])
          .evaluationPeriods(n)
          .threshold(thresholds[r.nextInt(thresholds.length)])
          .treat(TreatMissingData.values()[r.nextInt(TreatMissingData.values().length)])
          .unit(units[r.nextInt(units.length)])
          .build();
      long query = queries[i / 500 % queries.length];
      java.util.List<Datapoint> range = new java.util.ArrayList<>();
      for (int k = n - 1; k >= 0; k--) {
        range.add(Datapoint.missing(query - (k + 1) * spec.periodSeconds() * 1000L));
      }
      Evaluation ev = AlarmEvaluator.evaluate(spec, range, AlarmState.INSUFFICIENT_DATA);
      String text = writer.json(spec, ev, query);
      assertThat(text).as("evaluation %d", i).isEqualTo(StateReasonData.json(spec, ev, query));
      texts.add(text);
    }
    assertThat(texts).hasSizeGreaterThan(100); // the fields and times do tell the texts apart
  }
}
