package io.mcpwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.mcpwatch.alarm.Datapoint;
import io.mcpwatch.alarm.Statistic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSeriesTest {

  private static final MetricKey KEY = new MetricKey("prod", "MCP", "Failures", Map.of("MCP", "a"));
  private static final long T = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();

  @Test
  void datapoint_aggregatesAllStatisticsOverWindow() {
    MetricSeries s = new MetricSeries(KEY, null, 60_000);
    s.add(T + 1_000, 3.0);
    s.add(T + 59_999, -1.0);
    s.add(T + 60_000, 10.0); // next minute
    assertThat(s.datapoint(T, T + 60_000, Statistic.Sum)).isEqualTo(Datapoint.of(T, 2.0, 2));
    assertThat(s.statistic(T, T + 60_000, Statistic.SampleCount)).isEqualTo(2.0);
    assertThat(s.statistic(T, T + 60_000, Statistic.Minimum)).isEqualTo(-1.0);
    assertThat(s.statistic(T, T + 60_000, Statistic.Maximum)).isEqualTo(3.0);
    assertThat(s.statistic(T, T + 60_000, Statistic.Average)).isEqualTo(1.0);
    assertThat(s.statistic(T, T + 120_000, Statistic.Sum)).isEqualTo(12.0);
    assertThat(s.datapoint(T - 60_000, T, Statistic.Sum).isMissing()).isTrue();
  }

  @Test
  void datapoint_tenSecondBucketsSeparateHighResolutionWindows() {
    MetricSeries s = new MetricSeries(KEY, null, 10_000);
    s.add(T + 9_999, 1.0);
    s.add(T + 10_000, 2.0);
    s.add(T + 25_000, 4.0);
    assertThat(s.statistic(T, T + 10_000, Statistic.Sum)).isEqualTo(1.0);
    assertThat(s.statistic(T + 10_000, T + 30_000, Statistic.Sum)).isEqualTo(6.0);
    assertThat(s.statistic(T, T + 30_000, Statistic.SampleCount)).isEqualTo(3.0);
    assertThat(s.minutes()).containsExactly(
        new MinuteAggregate(Instant.ofEpochMilli(T), 7.0, 3, 1.0, 4.0));
  }

  @Test
  void datapoint_rejectsWindowsNotAlignedToBuckets() {
    MetricSeries s = new MetricSeries(KEY, null, 60_000);
    assertThatIllegalArgumentException().isThrownBy(() -> s.statistic(T, T + 10_000,
        Statistic.Sum)).withMessageContaining("not aligned");
  }

  @Test
  void minutes_listsOnlyMinutesWithSamplesAcrossChunks() {
    MetricSeries s = new MetricSeries(KEY, null, 60_000);
    s.add(T, 1.0);
    s.add(T + 200 * 60_000L, 5.0); // a different chunk
    s.add(T - 3 * 60_000L + 5, 2.0); // out of order
    assertThat(s.minutes()).extracting(MinuteAggregate::start).containsExactly(
        Instant.ofEpochMilli(T - 180_000), Instant.ofEpochMilli(T),
        Instant.ofEpochMilli(T + 200 * 60_000L));
  }

  @Test
  void evictBefore_dropsOldChunksAndIgnoresOlderSamples() {
    MetricSeries s = new MetricSeries(KEY, null, 60_000);
    s.add(T, 1.0);
    s.add(T + 500 * 60_000L, 1.0);
    s.evictBefore(T + 400 * 60_000L);
    assertThat(s.minutes()).hasSize(1);
    assertThat(s.add(T + 399 * 60_000L, 1.0)).isFalse();
    assertThat(s.add(T + 400 * 60_000L, 1.0)).isTrue();
    assertThat(s.minutes()).hasSize(2);
  }

  @Test
  void statistic_equalsNaiveSumOverRandomSamples() {
    qt().withExamples(200).forAll(
            lists().of(integers().between(-600_000, 600_000)).ofSizeBetween(0, 60),
            integers().between(-10, 9), integers().between(1, 12))
        .check((offsets, startMinute, minutes) -> {
          MetricSeries s = new MetricSeries(KEY, null, 10_000);
          for (int i = 0; i < offsets.size(); i++) {
            s.add(T + offsets.get(i), i + 1);
          }
          long from = T + startMinute * 60_000L;
          long to = from + minutes * 60_000L;
          double sum = 0;
          int count = 0;
          for (int i = 0; i < offsets.size(); i++) {
            long ts = T + offsets.get(i);
            if (ts >= from && ts < to) {
              sum += i + 1;
              count++;
            }
          }
          double expected = count == 0 ? Double.NaN : sum;
          return Double.compare(s.statistic(from, to, Statistic.Sum), expected) == 0
              && s.minutes().stream().mapToLong(MinuteAggregate::sampleCount).sum()
                  == offsets.size();
        });
  }

  @Test
  void statistic_sparseSamplesOverManyBlocksAndChunks_equalNaiveMinMaxAndCount() {
    // samples hours apart leave most 8-bucket blocks of a 64-bucket chunk unallocated
    qt().withExamples(200).forAll(
            lists().of(integers().between(-12_000_000, 12_000_000)).ofSizeBetween(0, 40),
            integers().between(-200, 199), integers().between(1, 150))
        .check((offsets, startMinute, minutes) -> {
          MetricSeries s = new MetricSeries(KEY, null, 60_000);
          for (int i = 0; i < offsets.size(); i++) {
            s.add(T + offsets.get(i), offsets.get(i) % 97);
          }
          long from = T + startMinute * 60_000L;
          long to = from + minutes * 60_000L;
          double min = Double.POSITIVE_INFINITY;
          double max = Double.NEGATIVE_INFINITY;
          int count = 0;
          for (int o : offsets) {
            long ts = T + o;
            if (ts >= from && ts < to) {
              min = Math.min(min, o % 97);
              max = Math.max(max, o % 97);
              count++;
            }
          }
          MetricSeries copy = new MetricSeries(KEY, null, 60_000);
          s.forEachBucket(copy::addAggregate);
          return Double.compare(s.statistic(from, to, Statistic.Minimum),
                  count == 0 ? Double.NaN : min) == 0
              && Double.compare(s.statistic(from, to, Statistic.Maximum),
                  count == 0 ? Double.NaN : max) == 0
              && Double.compare(s.statistic(from, to, Statistic.SampleCount),
                  count == 0 ? Double.NaN : count) == 0
              && copy.minutes().equals(s.minutes());
        });
  }

  @Test
  void forEachBucket_roundTripsThroughAddAggregate() {
    MetricSeries s = new MetricSeries(KEY, "Count", 10_000);
    s.add(T + 1, 1.0);
    s.add(T + 2, 3.0);
    s.add(T + 70_000, -2.0);
    MetricSeries copy = new MetricSeries(KEY, "Count", 10_000);
    s.forEachBucket(copy::addAggregate);
    assertThat(copy.minutes()).isEqualTo(s.minutes());
    assertThat(copy.statistic(T, T + 10_000, Statistic.Maximum)).isEqualTo(3.0);
    List<MinuteAggregate> minutes = copy.minutes();
    assertThat(minutes.get(1).min()).isEqualTo(-2.0);
  }
}
