package io.mcpwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void oneLine_escapesLineBreaksControlsAndBidi() {
    assertThat(Text.oneLine("a\r\nBcc: x\t\u0007\u202Eb\u2028", 100))
        .isEqualTo("a\\r\\nBcc: x\\t\\u0007\\u202Eb\\u2028");
  }

  @Test
  void oneLine_anyInput_hasNoUnsafeCharacterAndBoundedLength() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 400), integers().between(1, 200))
        .checkAssert((s, max) -> {
          String out = Text.oneLine(s, max);
          assertThat(Text.hasUnsafe(out)).isFalse();
          // one escape may overshoot by 5 characters, plus the "..." marker
          assertThat(out.length()).isLessThanOrEqualTo(max + 5 + 3);
        });
  }

  @Test
  void headerSafe_anyInput_hasNoCrOrLf() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 200)).checkAssert(s -> {
      String out = Text.headerSafe(s);
      assertThat(out).doesNotContain("\r").doesNotContain("\n");
      assertThat(Text.hasUnsafe(out)).isFalse();
    });
  }

  @Test
  void redactUrl_dropsUserInfoPathAndQuery() {
    assertThat(Text.redactUrl("https://hooks.slack.com/services/T0/B0/secret"))
        .isEqualTo("https://hooks.slack.com/...");
    assertThat(Text.redactUrl("https://user:pa55@example.com:8443/hook?token=x"))
        .isEqualTo("https://example.com:8443/...");
    assertThat(Text.redactUrl("http://127.0.0.1:9000")).isEqualTo("http://127.0.0.1:9000");
  }

  @Test
  void truncate_neverSplitsSurrogatePairs() {
    String s = "ab\uD83D\uDE00cdefgh";
    assertThat(Text.truncate(s, 6)).isEqualTo("ab...");
    assertThat(Text.truncate(s, 7)).isEqualTo("ab\uD83D\uDE00...");
  }
}
