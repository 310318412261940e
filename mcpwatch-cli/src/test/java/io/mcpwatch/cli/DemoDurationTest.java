package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoDurationTest {
  private final DemoCommand.DurationConverter c = new DemoCommand.DurationConverter();

  @Test
  void convert_unitsMeanWhatTheySay() {
    assertThat(c.convert("1d")).isEqualTo(Duration.ofDays(1)); // was one second
    assertThat(c.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.convert("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.convert("3m")).isEqualTo(Duration.ofMinutes(3));
    assertThat(c.convert("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(c.convert("PT5M")).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void convert_unknownUnit_isAnError() {
    assertThatThrownBy(() -> c.convert("1w")).hasMessage("expected a duration like 90s, 3m, 1h or 1d; found 1w");
    assertThatThrownBy(() -> c.convert("1x")).hasMessage("expected a duration like 90s, 3m, 1h or 1d; found 1x");
  }
}
