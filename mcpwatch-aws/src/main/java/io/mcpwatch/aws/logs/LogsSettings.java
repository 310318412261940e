package io.mcpwatch.aws.logs;

import io.mcpwatch.pattern.PatternOptions;
import io.mcpwatch.server.ingest.IngestLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Logs API behaves.
 *
 * @param region the region in ARNs (e.g. {@code us-east-1})
 * @param accountId the 12-digit account in ARNs
 * @param limits the batch limits (CloudWatch's by default: 1,048,576 bytes, 10,000 events, 14 days
 *     old, 2 hours ahead)
 * @param retryWindow how long a taken batch is remembered to recognise its retry (default 15 min)
 * @param retryEntries at most this many batches are remembered (default 100,000)
 * @param patternOptions how TestMetricFilter compiles patterns (as {@code test-pattern})
 */
public record LogsSettings(
    String region,
    String accountId,
    IngestLimits limits,
    Duration retryWindow,
    int retryEntries,
    PatternOptions patternOptions) {
  public LogsSettings {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(retryWindow, "retryWindow");
    Objects.requireNonNull(patternOptions, "patternOptions");
    if (retryEntries < 1) {
      throw new IllegalArgumentException("retryEntries: expected >= 1; found " + retryEntries);
    }
  }

  public static LogsSettings defaults() {
    return new LogsSettings(
        "us-east-1",
        "000000000000",
        IngestLimits.defaults(),
        Duration.ofMinutes(15),
        100_000,
        PatternOptions.defaults());
  }
}
