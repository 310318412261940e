package io.mcpwatch.source.tail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RotatedNameTest {
  @Test
  void of_logrotateCounterDatesAndCompression() {
    assertThat(RotatedName.of("app.log", "app.log.1")).isEqualTo(new RotatedName(1, "", false));
    assertThat(RotatedName.of("app.log", "app.log.12.gz"))
        .isEqualTo(new RotatedName(12, "", true));
    assertThat(RotatedName.of("app.log", "app.log-20261206"))
        .isEqualTo(new RotatedName(-1, "20261206", false));
    assertThat(RotatedName.of("0.log", "0.log.20261206-100000.gz"))
        .isEqualTo(new RotatedName(-1, "20261206-100000", true));
  }

  @Test
  void of_namesThatAreNoGeneration() {
    assertThat(RotatedName.of("app.log", "app.log")).isNull();
    assertThat(RotatedName.of("app.log", "app.log.bak")).isNull();
    assertThat(RotatedName.of("app.log", "app.logger.1")).isNull();
    assertThat(RotatedName.of("app.log", "other.log.1")).isNull();
    assertThat(RotatedName.of("app.log", "app.log.gz")).isNull();
    assertThat(RotatedName.of("app.log", "app.log.")).isNull();
  }

  @Test
  void newerThan_countersDescendDatesAscendMixedDoNotTell() {
    RotatedName one = RotatedName.of("a", "a.1");
    RotatedName two = RotatedName.of("a", "a.2");
    RotatedName monday = RotatedName.of("a", "a-20261207");
    RotatedName sunday = RotatedName.of("a", "a-20261206");
    RotatedName withTime = RotatedName.of("a", "a-20261206-1200");
    assertThat(one.newerThan(two)).isPositive();
    assertThat(two.newerThan(one)).isNegative();
    assertThat(monday.newerThan(sunday)).isPositive();
    assertThat(sunday.newerThan(monday)).isNegative();
    assertThat(one.newerThan(monday)).isZero();
    assertThat(sunday.newerThan(withTime)).isZero();
    assertThat(one.newerThan(one)).isZero();
  }
}
