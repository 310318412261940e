package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Syntax of JSON patterns: what parses into what, and every error with its message and column. */
class JsonPatternParserTest {

  private static JsonPattern parse(String pattern) {
    return JsonPattern.parse(pattern, PatternOptions.defaults());
  }

  private static FilterPatternException error(String pattern) {
    FilterPatternException e =
        catchThrowableOfType(FilterPatternException.class, () -> parse(pattern));
    assertThat(e).as("%s should be rejected", pattern).isNotNull();
    assertThat(e.pattern()).isEqualTo(pattern);
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      quoteCharacter = '`',
      value = {
        "{ }                              # 3  # empty JSON pattern",
        "{ $.a IS NOT NULL }              # 7  # IS NOT is not supported",
        "{ $.a EXISTS }                   # 7  # EXISTS is not supported",
        "{ $.a IS MAYBE }                 # 10 # expected NULL, TRUE or FALSE after IS, found 'MAYBE'",
        "{ $.a IS null }                  # 10 # expected NULL, TRUE or FALSE after IS",
        "{ $.a is NULL }                  # 7  # expected an operator",
        "{ $.a NOT THERE }                # 11 # expected EXISTS after NOT",
        "{ $.a == 1 }                     # 7  # unknown operator '=='",
        "{ $.a =< 1 }                     # 7  # unknown operator '=<'",
        "{ $.a >>= 1 }                    # 7  # unknown operator '>>'",
        "{ $.a ! 1 }                      # 7  # expected an operator (=, !=, <, <=, > or >=)",
        "{ $.a }                          # 7  # expected an operator",
        "{ $.a = }                        # 9  # missing value after '='",
        "{ $.a = && $.b = 1 }             # 9  # missing value after '='",
        "`{ $.a = \"abc }`                # 9  # unterminated quoted value",
        "{ $.a = %abc }                   # 9  # unterminated regex",
        "`{ $.a > \"5\" }`                # 9  # operator '>' needs a number, not the quoted string",
        "{ $.a > abc }                    # 9  # operator '>' needs a number such as 500",
        "{ $.a <= * }                     # 10 # operator '<=' needs a number",
        "{ $.a < %x% }                    # 9  # operator '<' cannot take a regex",
        "{ $.a = user@host }              # 13 # unquoted value user@host contains '@'",
        "{ $.a = a+b }                    # 10 # unquoted value a+b contains '+'",
        "{ $.a = b$ }                     # 10 # contains '$'",
        "{ $. = 1 }                       # 5  # expected a property name after '.'",
        "{ $.@timestamp = 1 }             # 5  # expected a property name after '.'",
        "{ $ = 1 }                        # 4  # expected a path after '$'",
        "{ $[0] = 1 }                     # 4  # '[' must follow a property",
        "{ $.a[x] = 1 }                   # 7  # expected an array index or '*' after '['",
        "{ $.a[0 = 1 }                    # 8  # expected ']'",
        "{ $.a[1234567890] = 1 }          # 7  # array index too large",
        "{ $.a['b'] = 1 }                 # 6  # a quoted key is written .['key']",
        "{ $.['a.b = 1 }                  # 6  # unterminated key",
        "{ $.['a.b'x = 1 }                # 11 # expected ']' after the quoted key",
        "{ $.[a] = 1 }                    # 6  # expected a quoted key after '.['",
        "{ $.a[*].b[*] = 1 }              # 12 # at most one wildcard (*) per selector; the first is at column 7",
        "{ $.*.* = 1 }                    # 7  # at most one wildcard",
        "{ $.a = 1 AND $.b = 2 }          # 11 # expected && or || before 'AND'",
        "{ $.a = 1 $.b = 2 }              # 11 # expected && or || before '$.b'",
        "{ $.a = 1 & $.b = 2 }            # 11 # single '&': AND is written &&",
        "{ $.a = 1 | $.b = 2 }            # 11 # single '|': OR is written ||",
        "{ ($.a = 1 }                     # 12 # missing ')' for the '(' at column 3",
        "{ $.a = 1) }                     # 10 # unbalanced ')'",
        "{ $.a = 1 } || { $.b = 2 }       # 11 # unexpected '}': a JSON pattern is a single { ... } block",
        "{ $.a = 1 && }                   # 14 # expected a condition after '&&'",
        "{ $.a = 1 || }                   # 14 # expected a condition after '||'",
        "{ () }                           # 4  # expected a condition starting with '$.', found ')'",
        "`{ eventType = \"x\" }`          # 3  # expected a condition starting with '$.', found 'eventType'",
        "{ $.a@b = 1 }                    # 6  # invalid character '@b' in selector $.a",
        "{ $.a.b c = 1 }                  # 9  # expected an operator",
      })
  void parse_rejectsWithDetailAndColumn(String pattern, int column, String detail) {
    FilterPatternException e = error(pattern.strip());
    assertThat(e.awsMessage()).isEqualTo("Invalid filter pattern");
    assertThat(e.detail()).contains(detail);
    assertThat(e.column()).isEqualTo(column);
    assertThat(e.getMessage()).startsWith("Invalid filter pattern: ").contains(detail);
  }

  @Test
  void parse_missingClosingBrace_usesAwsMessageAndPointsAtTheEnd() {
    FilterPatternException e = error("{ $.eventType = \"UpdateTrail\"  ");
    assertThat(e.awsMessage()).isEqualTo("If a filter pattern starts with '{' it must end with '}'");
    assertThat(e.detail()).contains("ends with '\"'");
    assertThat(e.column()).isEqualTo(29);
    assertThat(error("{").awsMessage()).startsWith("If a filter pattern starts with '{'");
    assertThat(error("  {  ").column()).isEqualTo(3);
  }

  @Test
  void parse_notStartingWithBrace_isRejected() {
    FilterPatternException e = error("  [a, b]");
    assertThat(e.detail()).contains("a JSON pattern starts with '{'");
    assertThat(e.column()).isEqualTo(3);
  }

  @Test
  void parse_hintsExplainCommonMistakes() {
    assertThat(error("{ $.a IS NOT NULL }").hint()).contains("NOT EXISTS");
    assertThat(error("{ $.a EXISTS }").hint()).contains("$.field = *");
    assertThat(error("{ $.a is NULL }").hint()).contains("upper case");
    assertThat(error("{ $.a = 1 and $.b = 2 }").hint()).contains("&&");
    assertThat(error("{ $.a = x@y }").hint()).contains("\"x@y\"");
    assertThat(error("{ $.@t = 1 }").hint()).contains("$.['my.key']");
    assertThat(error("{ $.a = 1 } || { $.b = 2 }").hint()).contains("one pair of braces");
  }

  @Test
  void parse_fourthWildcardSelector_isRejectedAtItsColumn() {
    String p = "{ $.a[*] = 1 || $.b[*] = 1 || $.c[*] = 1 || $.d[*] = 1 }";
    FilterPatternException e = error(p);
    assertThat(e.detail()).isEqualTo("at most 3 wildcard selectors per pattern");
    assertThat(e.column()).isEqualTo(p.indexOf("$.d[*]") + 5);
    assertThat(parse("{ $.a[*] = 1 || $.b[*] = 1 || $.c.* = 1 }").selectors()).hasSize(3);
  }

  @Test
  void parse_thirdRegex_isRejectedAtItsColumn() {
    String p = "{ $.a = %x% || $.b = %y% || $.c = %z% }";
    FilterPatternException e = error(p);
    assertThat(e.detail()).isEqualTo("at most 2 regular expressions per pattern");
    assertThat(e.column()).isEqualTo(p.indexOf("%z%") + 1);
    assertThat(parse("{ $.a = %x% || $.b != %y% || $.c = \"%z%\" }").conditions()).hasSize(3);
  }

  @Test
  void parse_invalidRegexBody_isReportedByRegexSyntax() {
    FilterPatternException e = error("{ $.a = %(x)% }");
    assertThat(e.awsMessage()).isEqualTo("Invalid filter pattern");
    assertThat(e.column()).isGreaterThanOrEqualTo(9);
  }

  @Test
  void parse_deeplyNestedParentheses_isRejectedNotOverflowed() {
    String deep = "{ " + "(".repeat(10_000) + "$.a = 1" + ")".repeat(10_000) + " }";
    assertThat(error(deep).detail()).contains("nested more than 50 deep");
    String ok = "{ " + "(".repeat(50) + "$.a = 1" + ")".repeat(50) + " }";
    assertThat(parse(ok).conditions()).hasSize(1);
  }

  @Test
  void parse_buildsPrecedenceTree() {
    JsonPattern p = parse("{ $.a = 1 || $.b = 2 && $.c = 3 }");
    assertThat(p.conditions()).hasSize(3);
    assertThat(p.selectors()).extracting(JsonSelector::text).containsExactly("$.a", "$.b", "$.c");
  }

  @Test
  void parse_selectorSteps() {
    JsonSelector s =
        parse("{ $.a-b.c_d[0][12].['x.y'].*.e = 1 }").selectors().get(0);
    assertThat(s.steps())
        .containsExactly(
            new JsonSelector.Name("a-b"),
            new JsonSelector.Name("c_d"),
            new JsonSelector.Index(0),
            new JsonSelector.Index(12),
            new JsonSelector.Name("x.y"),
            JsonSelector.Wildcard.INSTANCE,
            new JsonSelector.Name("e"));
    assertThat(s.text()).isEqualTo("$.a-b.c_d[0][12].['x.y'].*.e");
    assertThat(s.wildcardColumn()).isEqualTo(28);
  }

  @Test
  void parse_samePathWrittenTwoWays_isOneSelector() {
    JsonPattern p = parse("{ $.a.b = 1 || $.a.['b'] = 2 || $.a.b NOT EXISTS }");
    assertThat(p.selectors()).hasSize(1);
    assertThat(p.conditions()).hasSize(3);
    assertThat(p.conditions()).extracting(JsonCondition::selector).containsOnly(0);
  }

  @Test
  void parse_whitespaceIsOptionalAndFlexible() {
    for (String p :
        List.of(
            "{$.a=1&&$.b!=2||($.c<=3)}",
            "{\t$.a = 1\n&& $.b != 2 || ( $.c <= 3 ) }",
            "  {  $.a   =   1 && $.b !=2 || ($.c<= 3)  }  ")) {
      JsonPattern parsed = parse(p);
      assertThat(parsed.conditions()).as(p).hasSize(3);
      assertThat(parsed.matches("{\"a\":1,\"b\":3}")).as(p).isTrue();
      assertThat(parsed.matches("{\"a\":1,\"b\":2,\"c\":4}")).as(p).isFalse();
    }
  }

  @Test
  void parse_keywordConditions() {
    JsonPattern p = parse("{ $.a IS NULL || $.b IS TRUE || $.c IS FALSE || $.d NOT EXISTS }");
    assertThat(p.conditions())
        .containsExactly(
            new JsonCondition.Is(0, 0, JsonNodeKind.NULL),
            new JsonCondition.Is(1, 1, JsonNodeKind.TRUE),
            new JsonCondition.Is(2, 2, JsonNodeKind.FALSE),
            new JsonCondition.NotExists(3, 3));
  }

  @Test
  void parse_quotedValuesMayHoldAnything() {
    JsonPattern p = parse("{ $.a = \"x } && ( || \\\" %y% $.b = 1\" }");
    assertThat(p.conditions()).hasSize(1);
    assertThat(p.matches("{\"a\":\"x } && ( || \\\" %y% $.b = 1\"}")).isTrue();
  }
}
