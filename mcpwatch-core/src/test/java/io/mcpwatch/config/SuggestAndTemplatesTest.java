package io.mcpwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuggestAndTemplatesTest {

  @Test
  void closest_typosAndCase_findTheKey() {
    List<String> keys = AlarmField.keys();

    assertThat(Suggest.closest("treshold", keys)).isEqualTo("threshold");
    assertThat(Suggest.closest("Threshold", keys)).isEqualTo("threshold");
    assertThat(Suggest.closest("evaluationPeriod", keys)).isEqualTo("evaluationPeriods");
    assertThat(Suggest.closest("treatMisingData", keys)).isEqualTo("treatMissingData");
    assertThat(Suggest.closest("sources", keys)).isNull();
    assertThat(Suggest.closest("x", List.of())).isNull();
  }

  @Test
  void distance_isSymmetricAndZeroOnlyForEqualStrings() {
    qt().forAll(strings().ascii().ofLengthBetween(0, 12), strings().ascii().ofLengthBetween(0, 12))
        .check(
            (a, b) ->
                Suggest.distance(a, b) == Suggest.distance(b, a)
                    && (Suggest.distance(a, b) == 0) == a.equals(b)
                    && Suggest.distance(a, b) <= Math.max(a.length(), b.length()));
  }

  @Test
  void expand_replacesKnownPlaceholdersOnly() {
    Map<String, String> vars = Map.of("env", "prod", "app", "teams");

    assertThat(Templates.expand("/ecs/aiconnectors-{env}-aiconnectors/{app}-main-svc/{app}", vars))
        .isEqualTo("/ecs/aiconnectors-prod-aiconnectors/teams-main-svc/teams");
    assertThat(Templates.expand("{ $.level = \"ERROR\" } {alarm} {", vars))
        .isEqualTo("{ $.level = \"ERROR\" } {alarm} {");
  }

  @Test
  void expand_templateThatIsOnePlaceholder_givesTheValueItself() {
    String app = new String("sharepoint".toCharArray());
    Map<String, String> vars = Map.of("app", app, "env", "prod");

    assertThat(Templates.expand("{app}", vars)).isSameAs(app);
    assertThat(Templates.expand("{app}-x", vars)).isEqualTo("sharepoint-x");
    assertThat(Templates.expand("{nope}", vars)).isEqualTo("{nope}");
    assertThat(Templates.expand("{app}{env}", vars)).isEqualTo("sharepointprod");
    assertThat(Templates.expand("{}", vars)).isEqualTo("{}");
  }

  @Test
  void expand_randomTemplates_sameAsReplacingCharacterByCharacter() {
    Map<String, String> vars = Map.of("app", "sharepoint", "env", "prod", "a{", "X", "", "E");
    qt().withExamples(3000)
        .forAll(strings().betweenCodePoints('a', 'r').ofLengthBetween(0, 24))
        .checkAssert(raw -> {
          // a few letters become braces, so that placeholders, unknown keys, nesting and
          // unclosed braces all occur
          String t = raw.replace('b', '{').replace('c', '}').replace('d', '{').replace('f', '}')
              .replace("g", "{app}").replace("h", "{env}");
          assertThat(Templates.expand(t, vars)).as(t).isEqualTo(charByChar(t, vars));
        });
  }

  /** The first implementation of expand, kept as the reference. */
  private static String charByChar(String template, Map<String, String> vars) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      int end = c == '{' ? template.indexOf('}', i) : -1;
      if (end > 0) {
        String value = vars.get(template.substring(i + 1, end));
        if (value != null) {
          sb.append(value);
          i = end + 1;
          continue;
        }
      }
      sb.append(c);
      i++;
    }
    return sb.toString();
  }

  @Test
  void check_reportsUnknownAndUnclosedPlaceholdersAtTheirColumn() {
    BindContext ctx = new BindContext();
    Located<String> t = new Located<>("/g/{app}/{aap}", "logGroup", 3, 11, 12);

    assertThat(Templates.check(t, Set.of("env", "app"), ctx)).isFalse();
    assertThat(ctx.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.column()).isEqualTo(12 + "/g/{app}/".length());
              assertThat(e.message())
                  .isEqualTo("unknown placeholder {aap} (known: {app}, {env}) (did you mean app?)");
            });

    BindContext ctx2 = new BindContext();
    assertThat(Templates.check(new Located<>("a{b", "p", 1, 1, 0), Set.of("b"), ctx2)).isFalse();
    assertThat(ctx2.errors().get(0).message()).startsWith("unclosed '{'");
  }
}
