package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterPatternTest {

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n ", "\"\"", "\" \"", "  \"  \"  "})
  void compile_blankAndEmptyQuotesMatchEverything(String pattern) {
    FilterPattern p = FilterPattern.compile(pattern);
    assertThat(p.kind()).isEqualTo(PatternKind.MATCH_ALL);
    assertThat(p.matches("")).isTrue();
    assertThat(p.matches("anything")).isTrue();
    assertThat(p.match("x").extractedValues()).isEmpty();
    assertThat(p.text()).isEqualTo(pattern);
  }

  @Test
  void compile_dispatchesOnTheFirstNonBlankCharacter() {
    assertThat(FilterPattern.compile("ERROR").kind()).isEqualTo(PatternKind.TERMS);
    assertThat(FilterPattern.compile(" %a%").kind()).isEqualTo(PatternKind.REGEX);
    assertThat(FilterPattern.compile("\n[a, b]").kind()).isEqualTo(PatternKind.DELIMITED);
    assertThat(FilterPattern.compile(" { $.a = 1 } ").kind()).isEqualTo(PatternKind.JSON);
  }

  @Test
  void compile_jsonPatternMustEndWithBrace() {
    FilterPatternException e =
        catchThrowableOfType(
            FilterPatternException.class,
            () -> FilterPattern.compile("{ $.eventType = \"UpdateTrail\"  "));
    assertThat(e.awsMessage()).isEqualTo("If a filter pattern starts with '{' it must end with '}'");
    assertThat(e.column()).isEqualTo(29);
  }

  @Test
  void compile_acceptsExactly1024Characters() {
    String ok = "\"" + "a".repeat(1022) + "\"";
    assertThat(FilterPattern.compile(ok).matches("a".repeat(1022))).isTrue();
    String tooLong = "\"" + "a".repeat(1023) + "\"";
    FilterPatternException e =
        catchThrowableOfType(FilterPatternException.class, () -> FilterPattern.compile(tooLong));
    assertThat(e.awsMessage())
        .isEqualTo(
            "1 validation error detected: Value '"
                + tooLong
                + "' at 'filterPattern' failed to satisfy constraint: Member must have length less"
                + " than or equal to 1024");
    assertThat(e.column()).isEqualTo(1025);
    assertThat(e.detail()).contains("1025");
  }

  @Test
  void compile_countsLengthInCodePoints() {
    String emoji = "\uD83D\uDE00";
    String pattern = "\"" + emoji.repeat(511) + "\"";
    assertThat(pattern.length()).isEqualTo(1024);
    assertThat(FilterPattern.compile(pattern).matches(emoji.repeat(511))).isTrue();
    String longer = "\"" + emoji.repeat(600) + "\"";
    assertThat(FilterPattern.compile(longer).kind()).isEqualTo(PatternKind.TERMS);
  }

  @Test
  void compile_rejectsNull() {
    assertThatThrownBy(() -> FilterPattern.compile(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void toString_isThePatternText() {
    assertThat(FilterPattern.compile("[a]")).hasToString("[a]");
  }
}
