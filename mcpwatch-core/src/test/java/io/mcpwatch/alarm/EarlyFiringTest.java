package io.mcpwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.EarlyFiring.SampleSign;
import org.junit.jupiter.api.Test;

class EarlyFiringTest {

  @Test
  void eligible_followsTheDocumentedTable() {
    for (SampleSign sign : SampleSign.values()) {
      for (ComparisonOperator op : ComparisonOperator.values()) {
        boolean up = op == ComparisonOperator.GreaterThanThreshold
            || op == ComparisonOperator.GreaterThanOrEqualToThreshold;
        assertThat(EarlyFiring.eligible(Statistic.SampleCount, op, sign)).isEqualTo(up);
        assertThat(EarlyFiring.eligible(Statistic.Maximum, op, sign)).isEqualTo(up);
        assertThat(EarlyFiring.eligible(Statistic.Minimum, op, sign)).isEqualTo(!up);
        assertThat(EarlyFiring.eligible(Statistic.Average, op, sign)).isFalse();
        boolean sum = up
            ? sign == SampleSign.ZERO || sign == SampleSign.NON_NEGATIVE
            : sign == SampleSign.ZERO || sign == SampleSign.NON_POSITIVE;
        assertThat(EarlyFiring.eligible(Statistic.Sum, op, sign)).isEqualTo(sum);
      }
    }
  }

  @Test
  void sampleSign_combinesPopulations() {
    assertThat(SampleSign.of(1.0)).isEqualTo(SampleSign.NON_NEGATIVE);
    assertThat(SampleSign.of(0.0)).isEqualTo(SampleSign.ZERO);
    assertThat(SampleSign.of(-2.0)).isEqualTo(SampleSign.NON_POSITIVE);
    assertThat(SampleSign.of(Double.NaN)).isEqualTo(SampleSign.ANY);
    assertThat(SampleSign.ZERO.and(SampleSign.NON_NEGATIVE)).isEqualTo(SampleSign.NON_NEGATIVE);
    assertThat(SampleSign.NON_NEGATIVE.and(SampleSign.NON_POSITIVE)).isEqualTo(SampleSign.ANY);
    assertThat(SampleSign.NON_POSITIVE.and(SampleSign.ZERO)).isEqualTo(SampleSign.NON_POSITIVE);
  }

  @Test
  void certain_needsMBreachingWindows() {
    AlarmSpec spec = Specs.spec().evaluationPeriods(5).datapointsToAlarm(3).build();
    assertThat(EarlyFiring.certain(spec, 2)).isFalse();
    assertThat(EarlyFiring.certain(spec, 3)).isTrue();
  }
}
