package io.mcpwatch.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.metrics.MinuteAggregate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowStatsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private static AlarmSpec spec(Statistic stat, int periodSeconds, double threshold) {
    return new AlarmSpec("a", null, "NS", "M", Map.of(), stat, periodSeconds, 1, null,
        ComparisonOperator.GreaterThanOrEqualToThreshold, threshold, null, true, List.of(), List.of(), List.of(), null);
  }

  private static MinuteAggregate minute(int offset, double sum, long count, double min, double max) {
    return new MinuteAggregate(T0.plusSeconds(60L * offset), sum, count, min, max);
  }

  @Test
  void of_sumOverSlidingFiveMinuteWindowsAtEveryMinuteBoundary() {
    // 1 per minute for 10 minutes: windows ending at minutes 1..10 hold 1,2,3,4,5,5,5,5,5,5.
    List<MinuteAggregate> minutes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      minutes.add(minute(i, 1, 1, 1, 1));
    }
    WindowStats w = WindowStats.of(spec(Statistic.Sum, 300, 5), minutes);
    assertThat(w.windows()).isEqualTo(10);
    assertThat(w.max()).isEqualTo(5);
    assertThat(w.p50()).isEqualTo(5);
    assertThat(w.breaching()).isEqualTo(6);
  }

  @Test
  void of_gapsWithoutSamplesAreNotWindows() {
    List<MinuteAggregate> minutes = List.of(minute(0, 3, 3, 1, 1), minute(10, 7, 2, 2, 5));
    WindowStats w = WindowStats.of(spec(Statistic.Maximum, 60, 4), minutes);
    assertThat(w.windows()).isEqualTo(2);
    assertThat(w.max()).isEqualTo(5);
    assertThat(w.breaching()).isEqualTo(1);
    WindowStats avg = WindowStats.of(spec(Statistic.Average, 60, 100), minutes);
    assertThat(avg.max()).isEqualTo(3.5);
  }

  @Test
  void of_nothingForHighResolutionOrNoData() {
    assertThat(WindowStats.of(spec(Statistic.Sum, 10, 1), List.of(minute(0, 1, 1, 1, 1)))).isNull();
    assertThat(WindowStats.of(spec(Statistic.Sum, 60, 1), List.of())).isNull();
  }
}
