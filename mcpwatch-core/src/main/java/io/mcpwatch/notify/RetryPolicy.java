package io.mcpwatch.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * An SNS delivery retry policy (spec 4.6): after the first attempt, {@code numNoDelayRetries}
 * immediate retries, then {@code numMinDelayRetries} at {@code minDelay}, then the backoff phase
 * (the remaining retries, from {@code minDelay} to {@code maxDelay} along {@code backoff}), then
 * {@code numMaxDelayRetries} at {@code maxDelay}. No jitter (deterministic for tests).
 *
 * <p>{@code numRetries} counts retries, so an item gets at most {@code numRetries + 1} attempts.
 * SNS's table lists "50 attempts" for e-mail, the sum of its phases 0 + 2 + 10 + 38; mcpwatch
 * reads that as 50 retries after the first attempt (as the SQS row, 3 + 2 + 10 + 100,000 =
 * 100,015, also counts retries only).
 *
 * @param numRetries total retries, at least the three phase counts together
 * @param numNoDelayRetries immediate retries
 * @param numMinDelayRetries pre-backoff retries at {@code minDelay}
 * @param numMaxDelayRetries post-backoff retries at {@code maxDelay}
 * @param minDelay the pre-backoff delay and the start of the backoff
 * @param maxDelay the end of the backoff and the post-backoff delay
 * @param backoff the backoff curve
 */
public record RetryPolicy(
    int numRetries,
    int numNoDelayRetries,
    int numMinDelayRetries,
    int numMaxDelayRetries,
    Duration minDelay,
    Duration maxDelay,
    BackoffFunction backoff) {

  /** SNS's default HTTP/S policy: 3 retries, 20 s apart (linear from 20 s to 20 s). */
  public static final RetryPolicy HTTP_DEFAULT =
      new RetryPolicy(3, 0, 0, 0, Duration.ofSeconds(20), Duration.ofSeconds(20),
          BackoffFunction.LINEAR);

  /**
   * SNS's fixed SMTP policy: 0 immediate, 2 at 10 s, 10 with exponential backoff from 10 s to 600
   * s, 38 at 600 s (about 7 hours in all).
   */
  public static final RetryPolicy EMAIL_DEFAULT =
      new RetryPolicy(50, 0, 2, 38, Duration.ofSeconds(10), Duration.ofSeconds(600),
          BackoffFunction.EXPONENTIAL);

  public RetryPolicy {
    Objects.requireNonNull(minDelay, "minDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(backoff, "backoff");
    if (numRetries < 0 || numNoDelayRetries < 0 || numMinDelayRetries < 0
        || numMaxDelayRetries < 0) {
      throw new IllegalArgumentException("retry counts must not be negative");
    }
    if ((long) numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries > numRetries) {
      throw new IllegalArgumentException(
          "numRetries (" + numRetries + ") must be at least numNoDelayRetries + "
              + "numMinDelayRetries + numMaxDelayRetries (" + (numNoDelayRetries
              + numMinDelayRetries + numMaxDelayRetries) + ")");
    }
    if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
      throw new IllegalArgumentException(
          "expected 0 <= minDelay <= maxDelay; found " + minDelay + " and " + maxDelay);
    }
  }

  /** The SNS default for a protocol: e-mail policy for e-mail, HTTP policy for the rest. */
  public static RetryPolicy defaultFor(Protocol protocol) {
    return protocol.isEmail() ? EMAIL_DEFAULT : HTTP_DEFAULT;
  }

  /** At most this many attempts: the first plus {@code numRetries}. */
  public int maxAttempts() {
    return numRetries + 1;
  }

  /** Retries in the backoff phase. */
  public int backoffRetries() {
    return numRetries - numNoDelayRetries - numMinDelayRetries - numMaxDelayRetries;
  }

  /**
   * The wait before retry {@code retry} (1 = the first retry, after the first attempt).
   *
   * @throws IllegalArgumentException unless {@code 1 <= retry <= numRetries}
   */
  public Duration delayBeforeRetry(int retry) {
    if (retry < 1 || retry > numRetries) {
      throw new IllegalArgumentException(
          "retry: expected 1 to " + numRetries + "; found " + retry);
    }
    int r = retry;
    if (r <= numNoDelayRetries) {
      return Duration.ZERO;
    }
    r -= numNoDelayRetries;
    if (r <= numMinDelayRetries) {
      return minDelay;
    }
    r -= numMinDelayRetries;
    int k = backoffRetries();
    if (r <= k) {
      double min = minDelay.toMillis() / 1000.0;
      double max = maxDelay.toMillis() / 1000.0;
      double s = Math.min(max, Math.max(min, backoff.seconds(min, max, r, k)));
      return Duration.ofMillis(Math.round(s * 1000));
    }
    return maxDelay;
  }
}
