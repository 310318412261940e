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
}
