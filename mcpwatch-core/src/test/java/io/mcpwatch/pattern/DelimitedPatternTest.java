package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

class DelimitedPatternTest {

  static final String APACHE =
      "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 1534";
  static final PatternOptions ABSORB =
      new PatternOptions(PatternOptions.DelimitedFieldCount.LAST_ABSORBS_REST);

  private static FilterPatternException error(String pattern) {
    return catchThrowableOfType(
        FilterPatternException.class, () -> FilterPattern.compile(pattern));
  }

  @Test
  void match_extractsPositionalAndNamedValuesInEventOrder() {
    FilterPattern p = FilterPattern.compile("[ip, , ..., status, size]");
    assertThat(p.kind()).isEqualTo(PatternKind.DELIMITED);
    assertThat(p.match(APACHE).extractedValues())
        .containsExactly(
            entry("$ip", "127.0.0.1"),
            entry("$2", "-"),
            entry("$3", "frank"),
            entry("$4", "10/Oct/2000:13:25:15 -0700"),
            entry("$5", "GET /apache_pb.gif HTTP/1.0"),
            entry("$status", "200"),
            entry("$size", "1534"));
  }

  @Test
  void match_fieldResolvesNamesAndPositionsOfNamedFieldsToo() {
    PatternMatch m = FilterPattern.compile("[ip, ...]").match(APACHE);
    assertThat(m.field("$ip")).contains("127.0.0.1");
    assertThat(m.field("$7")).contains("1534");
    assertThat(m.field("$1")).contains("127.0.0.1");
    assertThat(m.extractedValues()).doesNotContainKey("$1");
    assertThat(m.field("$8")).isEmpty();
    assertThat(m.field("$0")).isEmpty();
    assertThat(m.field("$size")).isEmpty();
  }

  @Test
  void matches_middleEllipsisUsesTheLastFieldsForTheSuffix() {
    FilterPattern p = FilterPattern.compile("[a, ..., x=1, y=2, z=3]");
    assertThat(p.matches("a 1 2 3")).isTrue();
    assertThat(p.matches("a q w e r t 1 2 3")).isTrue();
    assertThat(p.matches("a q w e r t 1 2 4")).isFalse();
    assertThat(p.matches("1 2 3")).isFalse();
    assertThat(p.match("a q w e r t 1 2 3").extractedValues())
        .containsEntry("$6", "t")
        .containsEntry("$x", "1")
        .containsEntry("$z", "3");
  }

  @Test
  void matches_trailingEllipsisNeedsOnlyThePrefix() {
    FilterPattern p = FilterPattern.compile("[a=x, b, ...]");
    assertThat(p.matches("x y")).isTrue();
    assertThat(p.matches("x y \"unclosed and [more")).isTrue();
    assertThat(p.matches("x")).isFalse();
    assertThat(p.matches("y y")).isFalse();
  }

  @Test
  void matches_exactCountByDefault() {
    FilterPattern p = FilterPattern.compile("[w1=ERROR, w2]");
    assertThat(p.matches("ERROR message")).isTrue();
    assertThat(p.matches("ERROR WARN message")).isFalse();
    assertThat(p.match("ERROR WARN message")).isNull();
    assertThat(p.matches("ERROR")).isFalse();
  }

  @Test
  void matches_lastAbsorbsRestTakesTheRawRemainder() {
    FilterPattern p = FilterPattern.compile("[w1=ERROR, w2=\"*WARN*\"]", ABSORB);
    assertThat(p.matches("ERROR  \"WARN\"   [x y]  ")).isTrue();
    assertThat(p.match("ERROR  \"WARN\"   [x y]  ").extractedValues())
        .containsExactly(entry("$w1", "ERROR"), entry("$w2", "\"WARN\"   [x y]"));
    assertThat(p.match("ERROR [WARN]").extractedValues()).containsEntry("$w2", "WARN");
    assertThat(p.matches("ERROR")).isFalse();
  }

  @Test
  void options_ellipsisPatternsIgnoreFieldCountOption() {
    FilterPattern p = FilterPattern.compile("[a, ..., b]", ABSORB);
    assertThat(p.match("1 2 3").extractedValues())
        .containsExactly(entry("$a", "1"), entry("$2", "2"), entry("$b", "3"));
  }

  @Test
  void match_emptyPatternExtractsEveryFieldPositionally() {
    FilterPattern p = FilterPattern.compile("[ ]");
    assertThat(p.matches("")).isTrue();
    assertThat(p.match("a\t\"b c\" [d]").extractedValues())
        .containsExactly(entry("$1", "a"), entry("$2", "b c"), entry("$3", "d"));
  }

  @Test
  void match_manyFieldsKeepPositionalNames() {
    String event = String.join(" ", java.util.Collections.nCopies(300, "f"));
    PatternMatch m = FilterPattern.compile("[]").match(event);
    assertThat(m.extractedValues()).hasSize(300).containsEntry("$300", "f");
  }

  @Test
  void split_quotesAndBracketsGroupAndCloseTheField() {
    FilterPattern p = FilterPattern.compile("[a, b, c, d, e]");
    assertThat(p.match("\"a b\"x [c d]] e").extractedValues())
        .containsExactly(
            entry("$a", "a b"), entry("$b", "x"), entry("$c", "c d"), entry("$d", "]"), entry("$e", "e"));
  }

  @Test
  void canReference_namedAndPositionalFields() {
    FilterPattern exact = FilterPattern.compile("[a, , c]");
    assertThat(exact.canReference("$a")).isTrue();
    assertThat(exact.canReference("$2")).isTrue();
    assertThat(exact.canReference("$1")).isTrue();
    assertThat(exact.canReference("$4")).isFalse();
    assertThat(exact.canReference("$b")).isFalse();
    assertThat(exact.canReference("$.a")).isFalse();
    assertThat(exact.canReference("$02")).isFalse();
    FilterPattern ellipsis = FilterPattern.compile("[a, ..., size]");
    assertThat(ellipsis.canReference("$size")).isTrue();
    assertThat(ellipsis.canReference("$7")).isTrue();
    assertThat(ellipsis.canReference("$1")).isTrue();
    assertThat(ellipsis.canReference("$0")).isFalse();
    assertThat(FilterPattern.compile("[]").canReference("$99")).isTrue();
  }

  @Test
  void compile_crossFieldConditionNamesTheFieldAndSuggestsSlots() {
    FilterPatternException e =
        error("[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000]");
    assertThat(e.awsMessage()).isEqualTo("Invalid filter pattern");
    assertThat(e.column()).isEqualTo(62);
    assertThat(e.detail()).contains("status_code").contains("bytes");
    assertThat(e.hint()).contains("[..., status_code = 4*, bytes > 1000]");
  }

  @Test
  void compile_atMostTwoRegexes() {
    FilterPatternException e = error("[a=%x%, b=%y%, c=%z%]");
    assertThat(e.column()).isEqualTo(18);
    assertThat(e.detail()).contains("at most 2");
  }

  @Test
  void compile_atMostOneEllipsis() {
    FilterPatternException e = error("[..., status=4*, ...]");
    assertThat(e.column()).isEqualTo(18);
    assertThat(e.detail()).contains("at most one");
  }

  @Test
  void compile_errorsNameTheColumn() {
    assertThat(error("[a, b").column()).isEqualTo(1);
    assertThat(error("[a b]").column()).isEqualTo(4);
    assertThat(error("[a, $b]").column()).isEqualTo(5);
    assertThat(error("[a, $b]").hint()).contains("without '$'");
    assertThat(error("[a=]").column()).isEqualTo(4);
    assertThat(error("[a==1]").column()).isEqualTo(3);
    assertThat(error("[a=!x]").hint()).contains("!=");
    assertThat(error("[a] b").column()).isEqualTo(5);
    assertThat(error("[a, a]").column()).isEqualTo(5);
    assertThat(error("[12]").column()).isEqualTo(2);
    assertThat(error("[a=\"x]").column()).isEqualTo(4);
    assertThat(error("[a=%x]").column()).isEqualTo(4);
    assertThat(error("[a=x && ]").column()).isEqualTo(9);
    assertThat(error("[....]").column()).isEqualTo(5);
    assertThat(error("[(a=1)]").hint()).contains("parentheses");
  }

  @Test
  void matches_numericAndWildcardConditions() {
    FilterPattern p = FilterPattern.compile("[..., status=4* && status!=404, bytes>=1000]");
    assertThat(p.matches(APACHE.replace(" 200 ", " 403 "))).isTrue();
    assertThat(p.matches(APACHE.replace(" 200 ", " 404 "))).isFalse();
    assertThat(p.matches(APACHE.replace(" 200 1534", " 403 999"))).isFalse();
    assertThat(p.matches(APACHE.replace(" 200 1534", " 403 -"))).isFalse();
  }

  @Test
  void matches_agreesWithMatchOnTheSameInputs() {
    List<String> patterns =
        List.of(
            "[a, b]",
            "[a=1, ...]",
            "[..., z=9]",
            "[a, ..., y, z=9]",
            "[, b=2, ]",
            "[...]",
            "[a=1 || a=2, b]");
    List<String> events =
        List.of("", "1", "1 2", "1 2 3", "2 9", "1 x 9", "  1\t2  ", "\"1 2\" 9", "[1] [2", "a b c 9");
    for (String pattern : patterns) {
      for (PatternOptions options : List.of(PatternOptions.defaults(), ABSORB)) {
        FilterPattern p = FilterPattern.compile(pattern, options);
        for (String event : events) {
          assertThat(p.match(event) != null)
              .as("%s on '%s' (%s)", pattern, event, options)
              .isEqualTo(p.matches(event));
        }
      }
    }
  }
}
