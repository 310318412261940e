package io.mcpwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlarmEvaluatorTest {

  private static final long T0 = 1_700_000_040_000L; // a minute boundary

  /** One row of missing-data-cells.tsv. */
  record Row(int n, int m, String data, String[] expected) {}

  static Stream<Arguments> cells() {
    List<Arguments> out = new ArrayList<>();
    for (Row row : rows()) {
      for (TreatMissingData t : TreatMissingData.values()) {
        out.add(Arguments.of(row.n(), row.m(), row.data(), t, row.expected()[t.ordinal()]));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "N={0} M={1} [{2}] {3} -> {4}")
  @MethodSource("cells")
  void evaluate_reproducesDocumentedCell(
      int n, int m, String data, TreatMissingData treatment, String expected) {
    AlarmSpec spec = Specs.spec().evaluationPeriods(n).datapointsToAlarm(m).treat(treatment)
        .threshold(1.0).op(ComparisonOperator.GreaterThanOrEqualToThreshold).build();
    List<Datapoint> range = range(data);
    for (AlarmState current : AlarmState.values()) {
      Evaluation ev = AlarmEvaluator.evaluate(spec, range, current);
      if (expected.equals("RETAIN")) {
        assertThat(ev.state()).as("from %s", current).isEqualTo(current);
        assertThat(ev.route()).isEqualTo(Evaluation.Route.RETAINED);
      } else {
        assertThat(ev.state()).as("from %s", current).isEqualTo(AlarmState.valueOf(expected));
        assertThat(ev.route()).isNotEqualTo(Evaluation.Route.RETAINED);
      }
    }
  }

  @Test
  void cells_coverBothNormativeTables() {
    assertThat(rows()).hasSize(10);
    assertThat(cells()).hasSize(40);
  }

  @Test
  void evaluate_prematureRuleNeedsTheBreachAtLeastMPositionsOld() {
    AlarmSpec spec = Specs.spec().evaluationPeriods(3).treat(TreatMissingData.missing).build();
    assertThat(AlarmEvaluator.evaluate(spec, range("- - - - X"), AlarmState.OK).state())
        .isEqualTo(AlarmState.OK);
    assertThat(AlarmEvaluator.evaluate(spec, range("- - - X -"), AlarmState.OK).state())
        .isEqualTo(AlarmState.OK);
    Evaluation third = AlarmEvaluator.evaluate(spec, range("- - X - -"), AlarmState.OK);
    assertThat(third.state()).isEqualTo(AlarmState.ALARM);
    assertThat(third.route()).isEqualTo(Evaluation.Route.PREMATURE);
    assertThat(AlarmEvaluator.evaluate(spec, range("- - - - X"), AlarmState.INSUFFICIENT_DATA)
        .state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
  }

  @Test
  void evaluate_usesNewestNRealDatapointsReachingBack() {
    AlarmSpec spec = Specs.spec().evaluationPeriods(2).build();
    Evaluation ev = AlarmEvaluator.evaluate(spec, range("X - 0 - X 0"), AlarmState.OK);
    assertThat(ev.route()).isEqualTo(Evaluation.Route.NEWEST_REAL);
    assertThat(ev.evaluated()).extracting(Datapoint::timestampMillis)
        .containsExactly(T0 - 60_000, T0 - 120_000);
    assertThat(ev.state()).isEqualTo(AlarmState.OK);
    assertThat(ev.breaching()).isEqualTo(1);
  }

  @Test
  void evaluate_evaluatedSetHoldsRealPointsAndNewestMissingSlots() {
    AlarmSpec spec = Specs.spec().evaluationPeriods(3).treat(TreatMissingData.breaching).build();
    Evaluation ev = AlarmEvaluator.evaluate(spec, range("0 - - X -"), AlarmState.OK);
    assertThat(ev.evaluated()).extracting(Datapoint::isMissing)
        .containsExactly(true, false, false);
    assertThat(ev.fillers()).isEqualTo(1);
    assertThat(ev.state()).isEqualTo(AlarmState.OK); // 1 breach + 1 filler < 3
  }

  @Test
  void evaluate_rejectsRangeShorterThanN() {
    AlarmSpec spec = Specs.spec().evaluationPeriods(3).build();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AlarmEvaluator.evaluate(spec, range("X X"), AlarmState.OK))
        .withMessageContaining("at least 3");
  }

  /** Builds a range, oldest first, from "0 - X" notation; the newest ends at T0. */
  static List<Datapoint> range(String data) {
    String[] cells = data.trim().split(" ");
    List<Datapoint> out = new ArrayList<>();
    for (int i = 0; i < cells.length; i++) {
      long start = T0 - (long) (cells.length - i) * 60_000;
      switch (cells[i]) {
        case "X":
          out.add(Datapoint.of(start, 2.0, 1));
          break;
        case "0":
          out.add(Datapoint.of(start, 0.0, 1));
          break;
        case "-":
          out.add(Datapoint.missing(start));
          break;
        default:
          throw new IllegalArgumentException(cells[i]);
      }
    }
    return out;
  }

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = Objects.requireNonNull(
            AlarmEvaluatorTest.class.getResourceAsStream("/alarm/missing-data-cells.tsv"));
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      boolean header = true;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] f = line.split("\t");
        rows.add(new Row(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2],
            new String[] {f[3], f[4], f[5], f[6]}));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
