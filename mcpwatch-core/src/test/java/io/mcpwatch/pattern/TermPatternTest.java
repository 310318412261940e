package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermPatternTest {

  static final String UVICORN_422 =
      "INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 422 Unprocessable Entity";
  static final String UVICORN_404 =
      "INFO:     10.0.1.23:51234 - \"GET /mcp HTTP/1.1\" 404 Not Found";
  static final String UVICORN_200 = "INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 200 OK";
  static final String UVICORN_500 =
      "INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 500 Internal Server Error";
  static final String UVICORN_STARTUP = "INFO:     Application startup complete.";

  private static FilterPatternException error(String pattern) {
    return catchThrowableOfType(
        FilterPatternException.class, () -> FilterPattern.compile(pattern));
  }

  /** The space-delimited pattern a hint suggests ({@code [level, ...]}), compiled. */
  private static FilterPattern suggestedPattern(String hint) {
    Matcher m = Pattern.compile("\\[level[^\\]]*\\]").matcher(hint);
    assertThat(m.find()).as("hint suggests a pattern: %s", hint).isTrue();
    return FilterPattern.compile(m.group());
  }

  @Test
  void compile_recordsTermsWithKindQuotingAndColumn() {
    FilterPattern p = FilterPattern.compile("ERROR -\"a b\" ?x_1  \"q\"");
    assertThat(p.kind()).isEqualTo(PatternKind.TERMS);
    assertThat(p.terms())
        .containsExactly(
            new Term("ERROR", false, Term.Kind.PLAIN, 1),
            new Term("a b", true, Term.Kind.EXCLUDE, 7),
            new Term("x_1", false, Term.Kind.OPTIONAL, 14),
            new Term("q", true, Term.Kind.PLAIN, 20));
  }

  @Test
  void matches_quotedTermUnescapesQuoteAndBackslash() {
    FilterPattern p = FilterPattern.compile("\"say \\\"hi\\\" to C:\\\\ and \\d\"");
    assertThat(p.terms().get(0).text()).isEqualTo("say \"hi\" to C:\\ and \\d");
    assertThat(p.matches("they say \"hi\" to C:\\ and \\d!")).isTrue();
  }

  @Test
  void matches_quotedUvicornPhraseWithEscapedQuote() {
    FilterPattern p = FilterPattern.compile("\"HTTP/1.1\\\" 4\"");
    assertThat(p.matches(UVICORN_422)).isTrue();
    assertThat(p.matches(UVICORN_200)).isFalse();
  }

  @Test
  void compile_4QuestionMarksIsRejectedWithAHintThatCounts4xx() {
    FilterPatternException e = error("4??");
    assertThat(e.awsMessage()).isEqualTo("Invalid character(s) in term");
    assertThat(e.column()).isEqualTo(2);
    assertThat(e.hint())
        .contains("optional (OR) term")
        .contains("not a")
        .contains("wildcard")
        .contains("status=4*");
    FilterPattern suggested = suggestedPattern(e.hint());
    assertThat(suggested.matches(UVICORN_422)).isTrue();
    assertThat(suggested.matches(UVICORN_404)).isTrue();
    assertThat(suggested.matches(UVICORN_200)).isFalse();
    assertThat(suggested.matches(UVICORN_500)).isFalse();
    assertThat(suggested.matches(UVICORN_STARTUP)).isFalse();
    assertThat(suggested.match(UVICORN_422).extractedValues()).containsEntry("$status", "422");
  }

  @Test
  void compile_5QuestionMarksHintCounts5xx() {
    FilterPatternException e = error("5??");
    assertThat(e.column()).isEqualTo(2);
    FilterPattern suggested = suggestedPattern(e.hint());
    assertThat(suggested.matches(UVICORN_500)).isTrue();
    assertThat(suggested.matches(UVICORN_422)).isFalse();
    assertThat(suggested.matches(UVICORN_200)).isFalse();
  }

  @Test
  void compile_statusEquals5QuestionMarksPointsAtTheEqualsSignAndHintsAt5xx() {
    FilterPatternException e = error("status=5??");
    assertThat(e.awsMessage()).isEqualTo("Invalid character(s) in term");
    assertThat(e.column()).isEqualTo(7);
    assertThat(e.hint()).contains("not a").contains("status=5*");
    assertThat(suggestedPattern(e.hint()).matches(UVICORN_500)).isTrue();
  }

  @Test
  void compile_questionMarkAfterAPlainTermIsRejected() {
    FilterPatternException e = error("ERROR 4??");
    assertThat(e.column()).isEqualTo(8);
    assertThat(e.pattern()).isEqualTo("ERROR 4??");
  }

  @Test
  void compile_unquotedSlashOrColonNeedsQuotes() {
    FilterPatternException slash = error("POST /mcp");
    assertThat(slash.awsMessage()).isEqualTo("Invalid character(s) in term");
    assertThat(slash.column()).isEqualTo(6);
    assertThat(slash.hint()).contains("\"/mcp\"");
    FilterPatternException colon = error("-ERROR:");
    assertThat(colon.column()).isEqualTo(7);
    assertThat(colon.hint()).contains("-\"ERROR:\"");
    assertThat(FilterPattern.compile("\"POST /mcp\"").matches(UVICORN_422)).isTrue();
  }

  @Test
  void compile_starIsNoWildcardInTerms() {
    FilterPatternException e = error("ERR*");
    assertThat(e.column()).isEqualTo(4);
    assertThat(e.hint()).contains("not a wildcard").contains("ERR");
  }

  @Test
  void compile_regexMixedWithTermsIsRejected() {
    FilterPatternException e = error("ERROR %foo%");
    assertThat(e.awsMessage()).isEqualTo("Invalid character(s) in term");
    assertThat(e.column()).isEqualTo(7);
    assertThat(e.hint()).contains("whole filter pattern");
  }

  @Test
  void compile_booleanOperatorsHintAtQuestionMarkTerms() {
    assertThat(error("ERROR||WARN").hint()).contains("?term1 ?term2");
    assertThat(error("status=500").hint()).contains("{ $.status = 500 }");
  }

  @Test
  void compile_prefixWithoutTermIsRejected() {
    FilterPatternException e = error("ERROR ? WARN");
    assertThat(e.awsMessage()).isEqualTo("Invalid character(s) in term");
    assertThat(e.column()).isEqualTo(7);
    assertThat(error("-").column()).isEqualTo(1);
  }

  @Test
  void compile_unclosedQuoteIsAnInvalidPattern() {
    FilterPatternException e = error("ERROR \"no end");
    assertThat(e.awsMessage()).isEqualTo("Invalid filter pattern");
    assertThat(e.column()).isEqualTo(7);
  }

  @Test
  void compile_textRightAfterClosingQuoteIsRejected() {
    FilterPatternException e = error("\"a\"b");
    assertThat(e.awsMessage()).isEqualTo("Invalid filter pattern");
    assertThat(e.column()).isEqualTo(4);
  }

  @Test
  void compile_controlCharacterInTermHasNoQuotingHint() {
    FilterPatternException e = error("ab\u0001c");
    assertThat(e.column()).isEqualTo(3);
    assertThat(e.detail()).contains("U+0001");
    assertThat(e.hint()).isNull();
  }

  @Test
  void render_showsCaretUnderTheColumnAndTheHint() {
    String rendered = error("ERROR 4??").render();
    assertThat(rendered.split("\n"))
        .startsWith(
            "Invalid character(s) in term: unquoted term 4?? contains '?'; only letters, digits"
                + " and _ are allowed outside double quotes (column 8)",
            "  ERROR 4??",
            "         ^");
    assertThat(rendered).contains("hint: '?' marks an optional (OR) term");
  }

  @Test
  void matches_optionalTermsAreIgnoredWhenMixed() {
    FilterPattern p = FilterPattern.compile("?ERROR ?WARN REQUEST");
    assertThat(p.matches("REQUEST ok")).isTrue();
    assertThat(p.matches("ERROR only")).isFalse();
    FilterPattern onlyOptional = FilterPattern.compile("?ERROR ?WARN");
    assertThat(onlyOptional.matches("a WARN b")).isTrue();
    assertThat(onlyOptional.matches("INFO")).isFalse();
  }

  @Test
  void match_extractsNothingAndReturnsTheSharedEmptyMatch() {
    FilterPattern p = FilterPattern.compile("ERROR");
    assertThat(p.match("ERROR x")).isSameAs(p.match("ERROR y"));
    assertThat(p.match("ERROR x").extractedValues()).isEmpty();
    assertThat(p.match("ERROR x").field("$1")).isEmpty();
    assertThat(p.match("INFO")).isNull();
    assertThat(p.canReference("$1")).isFalse();
  }

  @Test
  void matches_excludeOfEmptyPhraseMatchesNothing() {
    // the reference algorithm: "" is contained in every message
    FilterPattern p = FilterPattern.compile("ERROR -\"\"");
    assertThat(p.matches("ERROR")).isFalse();
    assertThat(FilterPattern.compile("\"\" ERROR").matches("ERROR")).isTrue();
  }

  @Test
  void matches_adrPatternsCorrected() {
    List<String> lines =
        List.of(
            "ERROR:auth:OBO token exchange failed: invalid_grant",
            "ERROR:    Exception in ASGI application",
            UVICORN_422,
            UVICORN_500,
            UVICORN_200);
    FilterPattern obo = FilterPattern.compile("\"OBO token exchange failed\"");
    FilterPattern error = FilterPattern.compile("ERROR");
    FilterPattern fourxx = FilterPattern.compile(PatternErrors.statusPattern('4'));
    FilterPattern fivexx = FilterPattern.compile(PatternErrors.statusPattern('5'));
    assertThat(lines.stream().filter(obo::matches)).hasSize(1);
    assertThat(lines.stream().filter(error::matches)).hasSize(2);
    assertThat(lines.stream().filter(fourxx::matches)).containsExactly(UVICORN_422);
    assertThat(lines.stream().filter(fivexx::matches)).containsExactly(UVICORN_500);
  }
}
