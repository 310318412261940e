package io.mcpwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void httpDefault_isThreeRetriesTwentySecondsApart() {
    RetryPolicy p = RetryPolicy.HTTP_DEFAULT;

    assertThat(p.maxAttempts()).isEqualTo(4);
    assertThat(delays(p)).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(20),
        Duration.ofSeconds(20));
  }

  @Test
  void emailDefault_followsTheFourSnsPhases() {
    List<Duration> d = delays(RetryPolicy.EMAIL_DEFAULT);

    assertThat(d).hasSize(50);
    assertThat(d.subList(0, 2)).containsOnly(Duration.ofSeconds(10));
    List<Duration> backoff = d.subList(2, 12);
    assertThat(backoff).isSorted();
    assertThat(backoff.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(10))
        .isLessThan(Duration.ofSeconds(20));
    assertThat(backoff.get(9)).isEqualTo(Duration.ofSeconds(600));
    assertThat(d.subList(12, 50)).containsOnly(Duration.ofSeconds(600));
    Duration total = d.stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(total).isBetween(Duration.ofHours(6), Duration.ofHours(8));
  }

  @Test
  void delayBeforeRetry_anyPolicyAndFunction_isMonotoneAndWithinBounds() {
    qt().forAll(integers().between(0, 5), integers().between(0, 5), integers().between(0, 30),
            integers().between(0, 3))
        .checkAssert((noDelay, minRetries, backoff, fn) -> {
          RetryPolicy p = new RetryPolicy(noDelay + minRetries + backoff + 2, noDelay, minRetries,
              2, Duration.ofSeconds(3), Duration.ofSeconds(300), BackoffFunction.values()[fn]);
          List<Duration> d = delays(p);
          assertThat(d).isSorted();
          assertThat(d.subList(0, noDelay)).allSatisfy(x -> assertThat(x).isZero());
          assertThat(d.subList(noDelay, d.size()))
              .allSatisfy(x -> assertThat(x).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(300)));
          assertThat(d.get(d.size() - 1)).isEqualTo(Duration.ofSeconds(300));
        });
  }

  @Test
  void new_rejectsInconsistentCounts() {
    assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(2, 1, 1, 1,
        Duration.ofSeconds(1), Duration.ofSeconds(2), BackoffFunction.LINEAR))
        .withMessageContaining("numRetries (2)");
    assertThatIllegalArgumentException().isThrownBy(
        () -> RetryPolicy.HTTP_DEFAULT.delayBeforeRetry(4)).withMessageContaining("retry");
  }

  private static List<Duration> delays(RetryPolicy p) {
    List<Duration> d = new ArrayList<>();
    for (int r = 1; r <= p.numRetries(); r++) {
      d.add(p.delayBeforeRetry(r));
    }
    return d;
  }
}
