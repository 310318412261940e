package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mcpwatch.pattern.ValueCondition.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The comparison shared by JSON and space-delimited conditions. */
class ValueConditionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ValueCondition cond(Op op, String value) {
    return ValueCondition.parse(op, value, "[f " + op.symbol + " " + value + "]", 1);
  }

  private static JsonNode node(String json) {
    return JSON.readTree(json);
  }

  @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
  @CsvSource(
      delimiter = '#',
      quoteCharacter = '`',
      value = {
        "EQ # 4*           # 404       # true",
        "EQ # 4*           # 504       # false",
        "EQ # `\"4*\"`     # 404       # true",
        "EQ # *.html*      # GET /index.html HTTP/1.0 # true",
        "EQ # *            # ``        # true",
        "NE # *            # anything  # false",
        "EQ # Ev*ent       # Ev*ent    # true",
        "EQ # Ev*ent       # Event     # false",
        "EQ # ERROR        # ERROR     # true",
        "EQ # ERROR        # error     # false",
        "NE # ERROR        # WARN      # true",
        "EQ # `\"\"`       # ``        # true",
        "EQ # 400          # 400       # true",
        "EQ # 400          # 0400      # true",
        "EQ # 400          # 400.0     # true",
        "EQ # 400          # +400      # true",
        "EQ # 400          # 4e2       # false",
        "EQ # 1e3          # 1000      # true",
        "EQ # 1e3          # 1e3       # true",
        "EQ # 400          # abc       # false",
        "NE # 400          # abc       # true",
        "EQ # `\"400\"`    # 0400      # false",
        "GT # 1000         # 1001      # true",
        "GT # 1000         # 1000      # false",
        "GE # 1000         # 1000      # true",
        "LT # -1.5         # -2        # true",
        "LE # 10e-3        # 0.01      # true",
        "LT # 10e-3        # 0.01      # false",
        "GT # 1000         # abc       # false",
        "GT # 1000         # 1e4       # false",
        "GT # 1000         # ``        # false",
        "EQ # %^4[0-9]{2}$% # 404      # true",
        "EQ # %^4[0-9]{2}$% # 4040     # false",
        "NE # %^4%         # 504       # true",
        "EQ # %10\\.10%    # x10.10y   # true",
      })
  void testString_followsTheRules(Op op, String value, String field, boolean expected) {
    assertThat(cond(op, value).testString(field)).isEqualTo(expected);
  }

  @Test
  void testJson_numbersUseTheirTextStringsParsePlainOnly() {
    assertThat(cond(Op.EQ, "4*").testJson(node("404"))).isTrue();
    assertThat(cond(Op.EQ, "400").testJson(node("\"400\""))).isTrue();
    assertThat(cond(Op.EQ, "\"400\"").testJson(node("400"))).isTrue();
    assertThat(cond(Op.EQ, "\"400\"").testJson(node("400.0"))).isTrue();
    assertThat(cond(Op.GT, "100").testJson(node("\"1e3\""))).isFalse();
    assertThat(cond(Op.GT, "100").testJson(node("1e3"))).isTrue();
    assertThat(cond(Op.EQ, "%^1%").testJson(node("123"))).isTrue();
  }

  @Test
  void testJson_onlyStringsAndNumbersSatisfyAComparison() {
    for (String json : new String[] {"true", "false", "null", "{}", "[1]", "{\"a\":1}"}) {
      JsonNode n = node(json);
      for (Op op : Op.values()) {
        String value = op.isNumericOnly() ? "1" : "*";
        assertThat(cond(op, value).testJson(n)).as("%s %s on %s", op, value, json).isFalse();
      }
      assertThat(cond(Op.NE, "x").testJson(n)).as("!= on " + json).isFalse();
      assertThat(cond(Op.EQ, "true").testJson(n)).as("= true on " + json).isFalse();
    }
    assertThat(cond(Op.EQ, "*").testJson(JSON.missingNode())).isFalse();
    assertThat(cond(Op.NE, "x").testJson(JSON.missingNode())).isFalse();
  }

  @Test
  void isRegex_onlyForPercentValues() {
    assertThat(cond(Op.EQ, "%a%").isRegex()).isTrue();
    assertThat(cond(Op.NE, "%a%").isRegex()).isTrue();
    assertThat(cond(Op.EQ, "\"%a%\"").isRegex()).isFalse();
    assertThat(cond(Op.EQ, "a").isRegex()).isFalse();
    assertThat(cond(Op.GT, "1").isRegex()).isFalse();
  }

  @Test
  void parse_quotedEscapes() {
    assertThat(cond(Op.EQ, "\"a\\\"b\"").testString("a\"b")).isTrue();
    assertThat(cond(Op.EQ, "\"a\\\\b\"").testString("a\\b")).isTrue();
    assertThat(cond(Op.EQ, "\"a\\nb\"").testString("a\\nb")).isTrue();
    assertThat(cond(Op.EQ, "\"a b@c$d[e]\"").testString("a b@c$d[e]")).isTrue();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '#',
      quoteCharacter = '`',
      value = {
        "EQ # ``          # 0 # missing value after '='",
        "EQ # `\"abc`     # 0 # unterminated quoted value",
        "EQ # `\"a\"b`    # 3 # unexpected text after the closing quote",
        "EQ # %abc        # 0 # unterminated regex",
        "EQ # %           # 0 # unterminated regex",
        "LT # %a%         # 0 # operator '<' cannot take a regex",
        "GE # `\"5\"`     # 0 # operator '>=' needs a number, not the quoted string",
        "GT # five        # 0 # operator '>' needs a number such as 500",
        "GT # *           # 0 # operator '>' needs a number",
        "EQ # a@b         # 1 # unquoted value a@b contains '@'",
        "EQ # a/b         # 1 # contains '/'",
        "EQ # x\\y        # 1 # contains '\\'",
        "EQ # é           # 0 # contains 'é'",
        "EQ # 1+          # 1 # contains '+'",
      })
  void parse_rejects(Op op, String value, int offset, String detail) {
    FilterPatternException e =
        catchThrowableOfType(
            FilterPatternException.class, () -> ValueCondition.parse(op, value, "P", 10));
    assertThat(e).isNotNull();
    assertThat(e.awsMessage()).isEqualTo("Invalid filter pattern");
    assertThat(e.detail()).contains(detail);
    assertThat(e.column()).isEqualTo(10 + offset);
    assertThat(e.pattern()).isEqualTo("P");
  }

  @Test
  void decimals_compareAcrossFormsAndRanges() {
    assertThat(ValueCondition.Decimals.compare("1e3", "1000.000")).isZero();
    assertThat(ValueCondition.Decimals.compare("-0.0", "+0")).isZero();
    assertThat(ValueCondition.Decimals.compare(".5", "0.49")).isPositive();
    assertThat(ValueCondition.Decimals.compare("1e2147483648", "1")).isPositive();
    assertThat(ValueCondition.Decimals.compare("-1e2147483648", "-1")).isNegative();
    String longText = "1" + "0".repeat(5_000);
    // texts over 1100 characters compare as doubles: still ordered, never slow or throwing
    assertThat(ValueCondition.Decimals.compare(longText, "1e300")).isPositive();
    assertThat(ValueCondition.Decimals.compare("-" + longText, "1")).isNegative();
    assertThat(ValueCondition.Decimals.isPlain("1.")).isTrue();
    assertThat(ValueCondition.Decimals.isPlain(".5")).isTrue();
    assertThat(ValueCondition.Decimals.isPlain("-")).isFalse();
    assertThat(ValueCondition.Decimals.isPlain("1e3")).isFalse();
    assertThat(ValueCondition.Decimals.isPlain(" 1")).isFalse();
  }
}
