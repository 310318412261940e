package io.mcpwatch.aws.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryLedgerTest {
  @Test
  void claim_withinWindow_isDuplicateAfterwardsNew() {
    RetryLedger l = new RetryLedger(Duration.ofMinutes(15), 10);
    assertThat(l.claim("a", 0)).isEqualTo(RetryLedger.Claim.NEW);
    assertThat(l.claim("a", 1)).isEqualTo(RetryLedger.Claim.IN_FLIGHT);
    l.taken("a", 1);
    assertThat(l.claim("a", 15 * 60_000)).isEqualTo(RetryLedger.Claim.DUPLICATE);
    assertThat(l.claim("a", 15 * 60_000 + 2)).isEqualTo(RetryLedger.Claim.NEW);
  }

  @Test
  void release_afterFailedOffer_letsTheRetryThrough() {
    RetryLedger l = new RetryLedger(Duration.ofMinutes(15), 10);
    assertThat(l.claim("a", 0)).isEqualTo(RetryLedger.Claim.NEW);
    l.release("a");
    assertThat(l.claim("a", 1)).isEqualTo(RetryLedger.Claim.NEW);
  }

  @Test
  void taken_overMaxEntries_forgetsTheOldest() {
    RetryLedger l = new RetryLedger(Duration.ofMinutes(15), 2);
    for (String d : new String[] {"a", "b", "c"}) {
      l.claim(d, 0);
      l.taken(d, 0);
    }
    assertThat(l.size()).isEqualTo(2);
    assertThat(l.claim("a", 0)).isEqualTo(RetryLedger.Claim.NEW);
    assertThat(l.claim("c", 0)).isEqualTo(RetryLedger.Claim.DUPLICATE);
  }
}
