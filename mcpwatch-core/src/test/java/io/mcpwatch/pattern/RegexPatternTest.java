package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegexPatternTest {

  private static FilterPatternException error(String pattern) {
    return catchThrowableOfType(
        FilterPatternException.class, () -> FilterPattern.compile(pattern));
  }

  @Test
  void compile_standaloneRegexIsTheRegexKind() {
    FilterPattern p = FilterPattern.compile("  %AUTHORIZED%  ");
    assertThat(p.kind()).isEqualTo(PatternKind.REGEX);
    assertThat(p.terms()).isEmpty();
    assertThat(p.matches("[ERROR 401] UNAUTHORIZED REQUEST")).isTrue();
    assertThat(p.match("[ERROR 401] UNAUTHORIZED REQUEST").extractedValues()).isEmpty();
  }

  @Test
  void compile_disallowedCharacterNamesItsColumnAndTheHexEscape() {
    FilterPatternException e = error("%something!%");
    assertThat(e.awsMessage()).isEqualTo("Invalid filter pattern");
    assertThat(e.column()).isEqualTo(11);
    assertThat(e.hint()).contains("\\x21");
  }

  @Test
  void compile_parenthesesAreRejectedWithAHint() {
    FilterPatternException e = error("%(a+)+%");
    assertThat(e.column()).isEqualTo(2);
    assertThat(e.detail()).contains("parentheses");
    assertThat(e.hint()).contains("\\x28");
  }

  @Test
  void compile_lazyOptionalIsRejectedAndExplained() {
    FilterPatternException e = error("%4??%");
    assertThat(e.awsMessage()).isEqualTo("Invalid filter pattern");
    assertThat(e.column()).isEqualTo(4);
    assertThat(e.hint()).contains("matches every event").contains("%4[0-9][0-9]%");
  }

  @ParameterizedTest
  @CsvSource({
    "%a*?%, 4",
    "%a+?%, 4",
    "%a{2}?%, 6",
    "%a?+%, 4",
    "%a*+%, 4",
    "%a++%, 4",
    "'%a{1,2}{3}%', 8",
    "%*a%, 2",
    "%a|*b%, 4",
    "%^*%, 3"
  })
  void compile_quantifierAfterQuantifierOrNothingIsRejected(String pattern, int column) {
    assertThat(error(pattern).column()).isEqualTo(column);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "%é%", "%a\tb%", "%\\b%", "%\\1%", "%\\pL%", "%\\x8A%", "%\\xZZ%", "%\\x4%", "%a{1001}%",
        "%a{3,1}%", "%[abc%", "%[z-a]%", "%a|%", "%|a%", "%a||b%", "%%", "%abc", "%a\\%", "%a%b%",
        "%\"%", "%'%", "%<%", "%&%", "%~%", "%\u0000%"
      })
  void compile_rejects(String pattern) {
    FilterPatternException e = error(pattern);
    assertThat(e).isNotNull();
    assertThat(e.awsMessage()).isEqualTo("Invalid filter pattern");
    assertThat(e.column()).isBetween(1, pattern.length() + 1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "%\\x3a%|a:b|true",
        "%[\\x28\\x29]%|f(x)|true",
        "%[]a]%|x]|true",
        "%[^]a]%|]]|false",
        "%a\\-b%|a-b|true",
        "%a\\ b%|a b|true",
        "%a\\_b%|a_b|true",
        "%a\\/b%|a/b|true",
        "%\\[ERROR\\]%|[ERROR] x|true",
        "%\\{x\\}%|{x}|true",
        "%a{x%|a{x|true",
        "%a}%|a}|true",
        "%x]%|x]|true",
        "%\\^a%|^a|true",
        "%a\\$%|a$|true",
        "%a\\.b%|axb|false",
        "%[.]%|x|false",
        "%[a-c]{2}%|xbcx|true",
        "%^\\s$%|'\t'|true",
        "%^\\s$%|\u00a0|false",
        "%^\\w$%|é|false",
        "%^\\d$%|٣|false",
        "%^.$%|é|true",
      })
  void matches_translatesEscapesAndClasses(String pattern, String event, boolean expected) {
    assertThat(FilterPattern.compile(pattern).matches(event)).isEqualTo(expected);
  }

  @Test
  void matches_dotDoesNotMatchNewlineButAnchorsSpanTheWholeMessage() {
    assertThat(FilterPattern.compile("%a.b%").matches("a\nb")).isFalse();
    assertThat(FilterPattern.compile("%^line2%").matches("line1\nline2")).isFalse();
    assertThat(FilterPattern.compile("%line1$%").matches("line1\nline2")).isFalse();
    assertThat(FilterPattern.compile("%\\s%").matches("a\nb")).isTrue();
  }

  @Test
  void matches_literalFastPathAgreesWithTheRegex() {
    String[] events = {"x", "AUTHORIZED", "UNAUTHORIZED REQUEST", "authorized", ""};
    com.google.re2j.Pattern re = RegexSyntax.compile("AUTHORIZED", "%AUTHORIZED%", 1);
    FilterPattern p = FilterPattern.compile("%AUTHORIZED%");
    for (String e : events) {
      assertThat(p.matches(e)).isEqualTo(re.matcher(e).find());
    }
  }

  @Test
  void compile_regexErrorsInsideConditionsCountFromTheWholePattern() {
    FilterPatternException e = error("[a, b=%x!%]");
    assertThat(e.column()).isEqualTo(9);
  }
}
