package io.mcpwatch.metrics;

import io.mcpwatch.alarm.Datapoint;
import io.mcpwatch.alarm.Statistic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The samples of one metric, aggregated in place per time bucket (Sum, SampleCount, Minimum,
 * Maximum). Buckets are 10 s wide when a high-resolution alarm watches the metric, 60 s otherwise;
 * they are kept in chunks of 64, found through a long-keyed map with a one-entry cache, so adding a
 * sample allocates nothing once its block exists. A chunk holds its buckets in blocks of 8 that are
 * allocated when a sample first falls in them (a live series keeps a few minutes: one or two
 * blocks of ~340 bytes instead of a whole chunk's 2.1 KB). Not thread-safe.
 *
 * <p>Retention: {@link #evictBefore} drops whole chunks that end at or before a horizon and makes
 * {@link #add} ignore samples older than it. A series that is never evicted keeps everything
 * (replays and backtests).
 */
public final class MetricSeries {

  private static final int CHUNK_BITS = 6;
  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int BLOCK_BITS = 3;
  private static final int BLOCK = 1 << BLOCK_BITS;

  private final MetricKey key;
  private final @Nullable String unit;
  private final int resolutionMillis;
  private final LongObjectMap<Chunk> chunks = new LongObjectMap<>();
  private long cachedIndex = Long.MIN_VALUE;
  private @Nullable Chunk cached;
  private long minChunkIndex = Long.MAX_VALUE;
  private long horizonMillis = Long.MIN_VALUE;
  private long maxTimestamp = Long.MIN_VALUE;
  /** Counts the changes of the buckets (see {@link #modifications}). */
  private long modifications;

  // scratch accumulator for window queries (single-threaded)
  private double accSum;
  private long accCount;
  private double accMin;
  private double accMax;

  /**
   * @param key the metric
   * @param unit the unit alarms on this series require, or null for any
   * @param resolutionMillis bucket width: 10000 or 60000
   */
  public MetricSeries(MetricKey key, @Nullable String unit, int resolutionMillis) {
    this.key = Objects.requireNonNull(key, "key");
    this.unit = unit;
    if (resolutionMillis != 10_000 && resolutionMillis != 60_000) {
      throw new IllegalArgumentException(
          "resolution must be 10000 or 60000 ms; found " + resolutionMillis);
    }
    this.resolutionMillis = resolutionMillis;
  }

  public MetricKey key() {
    return key;
  }

  /** The unit alarms on this series require, or null when they accept any. */
  public @Nullable String unit() {
    return unit;
  }

  public int resolutionMillis() {
    return resolutionMillis;
  }

  /** The newest sample timestamp ever added, or {@link Long#MIN_VALUE}. */
  public long maxTimestamp() {
    return maxTimestamp;
  }

  /**
   * A number that changes whenever a bucket is added, changed or dropped (a store compares it to
   * find the series that changed since it last wrote them).
   */
  public long modifications() {
    return modifications;
  }

  /** Samples older than this are ignored. */
  public long horizonMillis() {
    return horizonMillis;
  }

  /**
   * Adds one sample.
   *
   * @return false when the sample is older than the retention horizon and was ignored
   */
  public boolean add(long timestampMillis, double value) {
    if (timestampMillis < horizonMillis) {
      return false;
    }
    long bucket = Math.floorDiv(timestampMillis, resolutionMillis);
    long index = bucket >> CHUNK_BITS;
    Chunk c = index == cachedIndex ? cached : chunk(index);
    int i = (int) (bucket & (CHUNK - 1));
    Block k = c.block(i >> BLOCK_BITS);
    int j = i & (BLOCK - 1);
    k.sum[j] += value;
    k.count[j]++;
    if (value < k.min[j]) {
      k.min[j] = value;
    }
    if (value > k.max[j]) {
      k.max[j] = value;
    }
    if (timestampMillis > maxTimestamp) {
      maxTimestamp = timestampMillis;
    }
    modifications++;
    return true;
  }

  /** Merges a pre-aggregated bucket (restoring a snapshot). */
  public void addAggregate(long bucketStartMillis, double sum, long count, double min, double max) {
    if (count <= 0 || bucketStartMillis < horizonMillis) {
      return;
    }
    long bucket = Math.floorDiv(bucketStartMillis, resolutionMillis);
    Chunk c = chunk(bucket >> CHUNK_BITS);
    int i = (int) (bucket & (CHUNK - 1));
    Block k = c.block(i >> BLOCK_BITS);
    int j = i & (BLOCK - 1);
    k.sum[j] += sum;
    k.count[j] += count;
    k.min[j] = Math.min(k.min[j], min);
    k.max[j] = Math.max(k.max[j], max);
    maxTimestamp = Math.max(maxTimestamp, bucketStartMillis);
    modifications++;
  }

  /**
   * The statistic over the samples in {@code [startMillis, endMillis)}, or NaN when there are none.
   * Allocation-free. Both bounds must be multiples of the resolution.
   */
  public double statistic(long startMillis, long endMillis, Statistic statistic) {
    accumulate(startMillis, endMillis);
    return statistic.compute(accSum, accCount, accMin, accMax);
  }

  /** The datapoint of the window {@code [startMillis, endMillis)}: missing when it has no samples. */
  public Datapoint datapoint(long startMillis, long endMillis, Statistic statistic) {
    accumulate(startMillis, endMillis);
    if (accCount == 0) {
      return Datapoint.missing(startMillis);
    }
    return Datapoint.of(
        startMillis, statistic.compute(accSum, accCount, accMin, accMax), accCount);
  }

  /** Minute aggregates of every minute that has samples, oldest first. */
  public List<MinuteAggregate> minutes() {
    List<MinuteAggregate> out = new ArrayList<>();
    long perMinute = 60_000 / resolutionMillis;
    long minute = Long.MIN_VALUE;
    double sum = 0;
    long count = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (long index : chunks.sortedKeys()) {
      Chunk c = Objects.requireNonNull(chunks.get(index));
      for (int i = 0; i < CHUNK; i++) {
        Block k = c.blocks[i >> BLOCK_BITS];
        int j = i & (BLOCK - 1);
        if (k == null || k.count[j] == 0) {
          continue;
        }
        long bucket = (index << CHUNK_BITS) + i;
        long m = Math.floorDiv(bucket, perMinute);
        if (m != minute) {
          if (count > 0) {
            out.add(minuteAggregate(minute, sum, count, min, max));
          }
          minute = m;
          sum = 0;
          count = 0;
          min = Double.POSITIVE_INFINITY;
          max = Double.NEGATIVE_INFINITY;
        }
        sum += k.sum[j];
        count += k.count[j];
        min = Math.min(min, k.min[j]);
        max = Math.max(max, k.max[j]);
      }
    }
    if (count > 0) {
      out.add(minuteAggregate(minute, sum, count, min, max));
    }
    return out;
  }

  /** Visits every non-empty bucket, oldest first (for snapshots). */
  public void forEachBucket(BucketVisitor visitor) {
    for (long index : chunks.sortedKeys()) {
      Chunk c = Objects.requireNonNull(chunks.get(index));
      for (int i = 0; i < CHUNK; i++) {
        Block k = c.blocks[i >> BLOCK_BITS];
        int j = i & (BLOCK - 1);
        if (k != null && k.count[j] > 0) {
          long start = ((index << CHUNK_BITS) + i) * resolutionMillis;
          visitor.bucket(start, k.sum[j], k.count[j], k.min[j], k.max[j]);
        }
      }
    }
  }

  /** Receives one bucket. */
  @FunctionalInterface
  public interface BucketVisitor {
    void bucket(long startMillis, double sum, long count, double min, double max);
  }

  /**
   * Raises the retention horizon: later samples older than it are ignored, and chunks that end at
   * or before it are dropped. Cheap when nothing is due.
   */
  public void evictBefore(long horizon) {
    if (horizon <= horizonMillis) {
      return;
    }
    horizonMillis = horizon;
    long firstKept = Math.floorDiv(Math.floorDiv(horizon, resolutionMillis), CHUNK);
    if (minChunkIndex >= firstKept) {
      return;
    }
    long newMin = Long.MAX_VALUE;
    for (long index : chunks.sortedKeys()) {
      if (index < firstKept) {
        chunks.remove(index);
        modifications++;
        if (index == cachedIndex) {
          cachedIndex = Long.MIN_VALUE;
          cached = null;
        }
      } else {
        newMin = Math.min(newMin, index);
      }
    }
    minChunkIndex = newMin;
  }

  private void accumulate(long startMillis, long endMillis) {
    if (startMillis % resolutionMillis != 0 || endMillis % resolutionMillis != 0) {
      throw new IllegalArgumentException("window [" + startMillis + ", " + endMillis
          + ") is not aligned to " + resolutionMillis + " ms buckets");
    }
    accSum = 0;
    accCount = 0;
    accMin = Double.POSITIVE_INFINITY;
    accMax = Double.NEGATIVE_INFINITY;
    long first = Math.floorDiv(startMillis, resolutionMillis);
    long end = Math.floorDiv(endMillis, resolutionMillis);
    long b = first;
    while (b < end) {
      long index = b >> CHUNK_BITS;
      long chunkEnd = (index + 1) << CHUNK_BITS;
      long stop = Math.min(end, chunkEnd);
      Chunk c = index == cachedIndex ? cached : chunks.get(index);
      if (c != null) {
        for (int i = (int) (b & (CHUNK - 1)), last = (int) (stop - (index << CHUNK_BITS));
            i < last; i++) {
          Block k = c.blocks[i >> BLOCK_BITS];
          int j = i & (BLOCK - 1);
          if (k != null && k.count[j] != 0) {
            accSum += k.sum[j];
            accCount += k.count[j];
            if (k.min[j] < accMin) {
              accMin = k.min[j];
            }
            if (k.max[j] > accMax) {
              accMax = k.max[j];
            }
          }
        }
      }
      b = stop;
    }
  }

  private Chunk chunk(long index) {
    Chunk c = chunks.get(index);
    if (c == null) {
      c = new Chunk();
      chunks.put(index, c);
      minChunkIndex = Math.min(minChunkIndex, index);
    }
    cachedIndex = index;
    cached = c;
    return c;
  }

  private static MinuteAggregate minuteAggregate(
      long minute, double sum, long count, double min, double max) {
    return new MinuteAggregate(Instant.ofEpochMilli(minute * 60_000), sum, count, min, max);
  }

  @Override
  public String toString() {
    return "MetricSeries[" + key + (unit == null ? "" : " unit=" + unit) + "]";
  }

  /** 64 buckets as 8 blocks of 8, each allocated when a sample first falls in it. */
  private static final class Chunk {
    final @Nullable Block[] blocks = new Block[CHUNK / BLOCK];

    Block block(int b) {
      Block k = blocks[b];
      if (k == null) {
        k = new Block();
        blocks[b] = k;
      }
      return k;
    }
  }

  private static final class Block {
    final double[] sum = new double[BLOCK];
    final long[] count = new long[BLOCK];
    final double[] min = new double[BLOCK];
    final double[] max = new double[BLOCK];

    Block() {
      Arrays.fill(min, Double.POSITIVE_INFINITY);
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }
  }
}
