package io.mcpwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every example string of spec 3.6 (except anomaly bands and the pre-2017 form), rebuilt. */
class StateReasonsTest {

  private static long at(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  /** A range oldest first: the given real points (newest first) padded with missing ones. */
  private static List<Datapoint> rangeNewestFirst(long newestStart, long periodMs, int size,
      double... valuesNewestFirst) {
    List<Datapoint> out = new ArrayList<>();
    for (int i = size - 1; i >= 0; i--) {
      long start = newestStart - i * periodMs;
      out.add(i < valuesNewestFirst.length
          ? Datapoint.of(start, valuesNewestFirst[i], 1)
          : Datapoint.missing(start));
    }
    return out;
  }

  private static String reason(AlarmSpec spec, List<Datapoint> range, AlarmState current) {
    return StateReasons.of(spec, AlarmEvaluator.evaluate(spec, range, current));
  }

  @Test
  void of_classicSingleDatapoint() {
    AlarmSpec spec = Specs.spec().op(ComparisonOperator.GreaterThanThreshold).threshold(21.0)
        .build();
    long start = at("2025-03-04T05:06:00Z");
    assertThat(reason(spec, rangeNewestFirst(start, 60_000, 3, 21.5), AlarmState.OK))
        .isEqualTo("Threshold Crossed: 1 datapoint [21.5 (04/03/25 05:06:00)] was greater than"
            + " the threshold (21.0).");
  }

  /**
   * AWS, observed 2026-09-05 (N = 3, M = 2, breaching, one real datapoint of 0): "1 datapoint was
   * received for 3 periods and 2 missing datapoints were treated as [Breaching]". The missing data
   * alone made the alarm breach; AWS does not write "0 out of the last 3 datapoints []".
   */
  @Test
  void of_missingDataAloneBreaches_countsTheReceivedDatapoints() {
    AlarmSpec spec = Specs.spec().evaluationPeriods(3).datapointsToAlarm(2)
        .op(ComparisonOperator.GreaterThanThreshold).threshold(0.0)
        .treat(TreatMissingData.breaching).build();
    long newest = at("2026-09-05T10:10:00Z");
    List<Datapoint> range = rangeNewestFirst(newest, 300_000, 5);
    range.set(2, Datapoint.of(newest - 2 * 300_000, 0.0, 1)); // 10:00, the only real one

    assertThat(reason(spec, range, AlarmState.OK))
        .isEqualTo("Threshold Crossed: 1 datapoint was received for 3 periods and 2 missing"
            + " datapoints were treated as [Breaching].");
  }

  @Test
  void of_missingDataAloneBreaches_plural() {
    AlarmSpec spec = Specs.spec().evaluationPeriods(4).datapointsToAlarm(2)
        .op(ComparisonOperator.GreaterThanThreshold).threshold(5.0)
        .treat(TreatMissingData.breaching).build();
    long newest = at("2026-09-05T10:10:00Z");
    List<Datapoint> range = rangeNewestFirst(newest, 60_000, 6);
    range.set(1, Datapoint.of(newest - 4 * 60_000, 1.0, 1));
    range.set(2, Datapoint.of(newest - 3 * 60_000, 2.0, 1));

    assertThat(reason(spec, range, AlarmState.OK))
        .isEqualTo("Threshold Crossed: 2 datapoints were received for 4 periods and 2 missing"
            + " datapoints were treated as [Breaching].");
  }

  @Test
  void of_classicThreeDatapointsNewestFirst() {
    AlarmSpec spec = Specs.spec().period(2700).evaluationPeriods(3).threshold(1.0).build();
    long newest = at("2022-05-13T13:14:00Z");
    assertThat(reason(spec, rangeNewestFirst(newest, 2_700_000, 5, 4.0, 5.0, 1.0),
            AlarmState.OK))
        .isEqualTo("Threshold Crossed: 3 datapoints [4.0 (13/05/22 13:14:00), 5.0 (13/05/22"
            + " 12:29:00), 1.0 (13/05/22 11:44:00)] were greater than or equal to the threshold"
            + " (1.0).");
  }

  @Test
  void of_outOfTheLastFormToAlarmFromInsufficientData() {
    AlarmSpec spec = Specs.spec().datapointsToAlarm(1).op(ComparisonOperator.GreaterThanThreshold)
        .threshold(5.0).build();
    assertThat(reason(spec, rangeNewestFirst(at("2022-09-25T18:49:00Z"), 60_000, 3, 6.0),
            AlarmState.INSUFFICIENT_DATA))
        .isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints [6.0 (25/09/22 18:49:00)]"
            + " was greater than the threshold (5.0) (minimum 1 datapoint for OK -> ALARM"
            + " transition).");
  }

  @Test
  void of_outOfTheLastFormToOk() {
    AlarmSpec spec = Specs.spec().datapointsToAlarm(1).op(ComparisonOperator.GreaterThanThreshold)
        .threshold(0.059).statistic(Statistic.Average).build();
    assertThat(reason(spec,
            rangeNewestFirst(at("2022-10-18T20:13:00Z"), 60_000, 3, 0.05164275070031484),
            AlarmState.ALARM))
        .isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints [0.05164275070031484"
            + " (18/10/22 20:13:00)] was not greater than the threshold (0.059) (minimum 1"
            + " datapoint for ALARM -> OK transition).");
  }

  @Test
  void of_outOfTheLastWithNonBreachingFillers() {
    AlarmSpec spec = Specs.spec().evaluationPeriods(20).datapointsToAlarm(1).threshold(1.0)
        .treat(TreatMissingData.notBreaching).build();
    assertThat(reason(spec, rangeNewestFirst(at("2024-03-16T12:15:00Z"), 60_000, 22, 613.0),
            AlarmState.OK))
        .isEqualTo("Threshold Crossed: 1 out of the last 20 datapoints [613.0 (16/03/24"
            + " 12:15:00)] was greater than or equal to the threshold (1.0) and 19 missing"
            + " datapoints were treated as [NonBreaching] (minimum 1 datapoint for OK -> ALARM"
            + " transition).");
  }

  @Test
  void of_outOfTheLastPluralAndOkMinimumIsNMinusMPlusOne() {
    AlarmSpec spec = Specs.spec().evaluationPeriods(3).datapointsToAlarm(3).threshold(1.0)
        .build();
    long newest = at("2022-05-13T13:14:00Z");
    assertThat(reason(spec, rangeNewestFirst(newest, 60_000, 5, 4.0, 5.0, 1.0), AlarmState.OK))
        .isEqualTo("Threshold Crossed: 3 out of the last 3 datapoints [4.0 (13/05/22 13:14:00),"
            + " 5.0 (13/05/22 13:13:00), 1.0 (13/05/22 13:12:00)] were greater than or equal to"
            + " the threshold (1.0) (minimum 3 datapoints for OK -> ALARM transition).");
    AlarmSpec twoOfFour = Specs.spec().evaluationPeriods(4).datapointsToAlarm(2).threshold(1.0)
        .build();
    assertThat(reason(twoOfFour, rangeNewestFirst(newest, 60_000, 6, 0.0, 0.0, 0.0, 3.0),
            AlarmState.ALARM))
        .isEqualTo("Threshold Crossed: 3 out of the last 4 datapoints [0.0 (13/05/22 13:14:00),"
            + " 0.0 (13/05/22 13:13:00), 0.0 (13/05/22 13:12:00)] were not greater than or equal"
            + " to the threshold (1.0) (minimum 3 datapoints for ALARM -> OK transition).");
  }

  @Test
  void datapoint_formatsValueAndUtcPeriodStart() {
    assertThat(StateReasons.list(List.of(
            Datapoint.of(at("2025-09-16T16:58:00Z"), 596.3636363636364, 11))))
        .isEqualTo("[596.3636363636364 (16/09/25 16:58:00)]");
    assertThat(StateReasons.datapoint(Datapoint.of(at("2019-10-02T16:59:00Z"),
            99.50160229693434, 2)))
        .isEqualTo("99.50160229693434 (02/10/19 16:59:00)");
  }

  @Test
  void of_thresholdsPrintLikeDoubleToString() {
    for (double threshold : new double[] {5.0, 1.0, 0.0, 580.0}) {
      AlarmSpec spec = Specs.spec().threshold(threshold).build();
      String r = reason(spec, rangeNewestFirst(at("2024-01-01T00:00:00Z"), 60_000, 3, 1e6),
          AlarmState.OK);
      assertThat(r).endsWith("the threshold (" + threshold + ").");
    }
    assertThat(String.valueOf(580.0)).isEqualTo("580.0");
  }

  @Test
  void of_allMissingTreatedAsBreachingOrNonBreaching() {
    AlarmSpec breaching = Specs.spec().evaluationPeriods(2).treat(TreatMissingData.breaching)
        .build();
    assertThat(reason(breaching, rangeNewestFirst(0, 60_000, 4), AlarmState.INSUFFICIENT_DATA))
        .isEqualTo("Threshold Crossed: no datapoints were received for 2 periods and 2 missing"
            + " datapoints were treated as [Breaching].");
    AlarmSpec nonBreaching = Specs.spec().evaluationPeriods(1)
        .treat(TreatMissingData.notBreaching).build();
    assertThat(reason(nonBreaching, rangeNewestFirst(0, 60_000, 3), AlarmState.ALARM))
        .isEqualTo("Threshold Crossed: no datapoints were received for 1 period and 1 missing"
            + " datapoint was treated as [NonBreaching].");
  }

  @Test
  void of_insufficientDataSingularAndPlural() {
    AlarmSpec one = Specs.spec().evaluationPeriods(1).build();
    assertThat(reason(one, rangeNewestFirst(0, 60_000, 3), AlarmState.OK))
        .isEqualTo("Insufficient Data: 1 datapoint was unknown.");
    AlarmSpec ten = Specs.spec().evaluationPeriods(10).build();
    assertThat(reason(ten, rangeNewestFirst(0, 60_000, 12), AlarmState.ALARM))
        .isEqualTo("Insufficient Data: 10 datapoints were unknown.");
  }

  @Test
  void initial_isTheCreationReason() {
    assertThat(StateReasons.INITIAL).isEqualTo("Unchecked: Initial alarm creation");
  }

  @Test
  void of_classicFormWithBreachingFillers() {
    AlarmSpec spec = Specs.spec().evaluationPeriods(3).treat(TreatMissingData.breaching)
        .op(ComparisonOperator.GreaterThanThreshold).threshold(5.0).build();
    assertThat(reason(spec, rangeNewestFirst(at("2024-01-01T00:02:00Z"), 60_000, 5, 9.0),
            AlarmState.OK))
        .isEqualTo("Threshold Crossed: 1 datapoint [9.0 (01/01/24 00:02:00)] was greater than"
            + " the threshold (5.0) and 2 missing datapoints were treated as [Breaching].");
  }

  @Test
  void of_rejectsRetainedEvaluation() {
    AlarmSpec spec = Specs.spec().treat(TreatMissingData.ignore).build();
    Evaluation ev = AlarmEvaluator.evaluate(spec, rangeNewestFirst(0, 60_000, 3), AlarmState.OK);
    assertThatIllegalArgumentException().isThrownBy(() -> StateReasons.of(spec, ev));
  }

  /**
   * An engine's memo of the reasons: 5,000 random evaluations (every route, with and without data,
   * N from 1 to 4, every treatment and state) give the texts of {@link StateReasons#of}, and the
   * all-missing ones of one kind share one string.
   */
  @Test
  void memo_randomEvaluations_sameTextsAsOf() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    StateReasons.Memo memo = new StateReasons.Memo();
    long t = 1_772_409_600_000L;
    for (int i = 0; i < 5_000; i++) {
      int n = 1 + r.nextInt(4);
      AlarmSpec spec = Specs.spec()
          .statistic(Statistic.values()[r.nextInt(Statistic.values().length)])
          .evaluationPeriods(n)
          .datapointsToAlarm(r.nextBoolean() ? null : 1 + r.nextInt(n))
          .op(ComparisonOperator.values()[r.nextInt(ComparisonOperator.values().length)])
          .threshold(r.nextInt(4))
          .treat(r.nextInt(5) == 0 ? null
              : TreatMissingData.values()[r.nextInt(TreatMissingData.values().length)])
          .build();
      boolean noData = r.nextBoolean();
      java.util.List<Datapoint> range = new java.util.ArrayList<>();
      for (int k = n + r.nextInt(2) - 1; k >= 0; k--) {
        long start = t - (k + 1) * 60_000L;
        range.add(noData || r.nextInt(3) == 0 ? Datapoint.missing(start)
            : Datapoint.of(start, r.nextInt(6), 1 + r.nextInt(3)));
      }
      Evaluation ev = AlarmEvaluator.evaluate(spec, range,
          AlarmState.values()[r.nextInt(AlarmState.values().length)]);
      if (ev.route() == Evaluation.Route.RETAINED) {
        continue;
      }
      String text = memo.of(spec, ev);
      assertThat(text).as("evaluation %d", i).isEqualTo(StateReasons.of(spec, ev));
      if (ev.route() == Evaluation.Route.ALL_MISSING) {
        assertThat(memo.of(spec, ev)).isSameAs(text);
      }
    }
  }
}
