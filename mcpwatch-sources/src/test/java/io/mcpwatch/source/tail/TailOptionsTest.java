package io.mcpwatch.source.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TailOptionsTest {
  @Test
  void defaults_areTheDocumentedValues() {
    TailOptions d = TailOptions.defaults();
    assertThat(d.startAt()).isEqualTo(StartAt.END);
    assertThat(d.resumeUnknownAt()).isEqualTo(StartAt.BEGINNING);
    assertThat(d.pollInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(d.rotatedFileGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.maxLineBytes()).isEqualTo(256 * 1024);
  }

  @Test
  void with_changesOnlyItsOwnSetting() {
    TailOptions d = TailOptions.defaults();
    TailOptions changed = d.withMaxLineBytes(10).withStartAt(StartAt.BEGINNING);
    assertThat(changed.maxLineBytes()).isEqualTo(10);
    assertThat(changed.startAt()).isEqualTo(StartAt.BEGINNING);
    assertThat(changed.withMaxLineBytes(d.maxLineBytes()).withStartAt(StartAt.END)).isEqualTo(d);
  }

  @Test
  void new_rejectsBadValuesNamingTheSetting() {
    TailOptions d = TailOptions.defaults();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> d.withMaxLineBytes(0))
        .withMessage("maxLineBytes must be between 1 and 67108864, got 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> d.withPollInterval(Duration.ZERO))
        .withMessageStartingWith("pollInterval must be > 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> d.withScanInterval(Duration.ofSeconds(-1)))
        .withMessageStartingWith("scanInterval must be >= 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> d.withFingerprintBytes(8))
        .withMessageStartingWith("fingerprintBytes must be between 16");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> d.withMaxBytesPerPoll(-1))
        .withMessageStartingWith("maxBytesPerPoll");
    assertThat(d.withScanInterval(Duration.ZERO).scanInterval()).isZero();
  }

  @Test
  void checkpoint_rejectsNegativeOffsets() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new FileCheckpoint("/a.log", "1:2", -1, 0, ""))
        .withMessageContaining("offset");
  }
}
