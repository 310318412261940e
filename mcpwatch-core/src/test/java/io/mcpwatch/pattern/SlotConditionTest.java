package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class SlotConditionTest {

  private static Gen<String> text(List<String> alphabet, int max) {
    return lists().of(Generate.pick(alphabet)).ofSizeBetween(0, max).map(l -> String.join("", l));
  }

  @Test
  void stringTest_agreesWithValueConditionOnAnyRegion() {
    Gen<String> bare = text(List.of("a", "b", "*", "1", ".", "-"), 5).assuming(s -> !s.isEmpty());
    Gen<String> quoted = text(List.of("a", "b", "*", " ", "1", "\\\"", "\\\\"), 5)
        .map(s -> "\"" + s + "\"");
    Gen<String> field = text(List.of("a", "b", "*", "1", ".", "-", " ", "\"", "\\"), 6);
    qt().withExamples(5000)
        .forAll(
            bare.mix(quoted, 40),
            Generate.pick(List.of(ValueCondition.Op.EQ, ValueCondition.Op.NE)),
            field,
            text(List.of("a", "b", "*", "x"), 3))
        .checkAssert(
            (token, op, value, around) -> {
              ValueCondition reference;
              try {
                reference = ValueCondition.parse(op, token, "[f" + op.symbol + token + "]", 3);
              } catch (FilterPatternException e) {
                return; // not a value AWS accepts; nothing to compare
              }
              SlotCondition.StringTest fast = SlotCondition.StringTest.of(op, token);
              if (fast == null) {
                assertThat(DelimitedParser.stringValue(token)).isNull();
                return;
              }
              String message = around + value + around;
              int from = around.length();
              assertThat(fast.test(message, from, from + value.length()))
                  .as("%s %s on '%s'", op.symbol, token, value)
                  .isEqualTo(reference.testString(value));
            });
  }

  @Test
  void requiredLiteral_isTheCoreOfStringEquality() {
    assertThat(DelimitedParser.requiredLiteral(ValueCondition.Op.EQ, "*HTTP*")).isEqualTo("HTTP");
    assertThat(DelimitedParser.requiredLiteral(ValueCondition.Op.EQ, "\"4*\"")).isEqualTo("4");
    assertThat(DelimitedParser.requiredLiteral(ValueCondition.Op.EQ, "*")).isNull();
    assertThat(DelimitedParser.requiredLiteral(ValueCondition.Op.EQ, "404")).isNull();
    assertThat(DelimitedParser.requiredLiteral(ValueCondition.Op.EQ, "%x%")).isNull();
    assertThat(DelimitedParser.requiredLiteral(ValueCondition.Op.NE, "abc")).isNull();
  }

  @Test
  void matches_prefilterNeverChangesTheAnswer() {
    FilterPattern withOr = FilterPattern.compile("[a=x* || a=y*, b=*HTTP*]");
    assertThat(withOr.matches("yes HTTP")).isTrue();
    assertThat(withOr.matches("xes HTT")).isFalse();
    FilterPattern number = FilterPattern.compile("[a=404]");
    assertThat(number.matches("404.0")).isEqualTo(
        ValueCondition.parse(ValueCondition.Op.EQ, "404", "[a=404]", 4).testString("404.0"));
  }
}
