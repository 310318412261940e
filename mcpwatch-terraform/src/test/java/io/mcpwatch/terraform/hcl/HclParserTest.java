package io.mcpwatch.terraform.hcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HclParserTest {

  /** Evaluates {@code expr} with {@code var.*} from {@code vars}. */
  static Value eval(String expr, Map<String, Value> vars) {
    Expr e = HclParser.parseExpression("t.tf", expr);
    return Evaluator.eval(
        e,
        new Evaluator.Scope() {
          @Override
          public Value root(String name, Pos pos) {
            if (name.equals("var")) {
              return new Value.ObjV(vars, pos);
            }
            throw new HclException(pos, "unknown reference " + name);
          }

          @Override
          public String text(Pos pos) {
            return HclParser.excerpt(expr, pos);
          }
        });
  }

  static String str(String expr) {
    return Evaluator.stringOf(eval(expr, Map.of("app", new Value.Str("Teams", new Pos("t", 1, 1, 0, 0), 0))));
  }

  @Test
  void parse_attributesAndBlocks_rememberLineAndColumn() {
    Body b =
        HclParser.parse(
            "a.tf",
            "# comment\nresource \"aws_x\" \"y\" {\n  name    = \"n\" // trailing\n  pattern = \"4??\"\n"
                + "  /* block\n comment */\n  inner {\n    k = 1\n  }\n}\n");
    Body.Block r = b.blocks().get(0);
    assertThat(r.labels()).containsExactly("aws_x", "y");
    assertThat(r.pos().toString()).isEqualTo("a.tf:2:1");
    Body.Attribute p = r.body().attribute("pattern");
    assertThat(p.pos().toString()).isEqualTo("a.tf:4:3");
    assertThat(p.expr().pos().toString()).isEqualTo("a.tf:4:13");
    assertThat(((Expr.Template) p.expr()).textColumn()).isEqualTo(14);
    assertThat(r.body().blocks("inner").get(0).body().attribute("k").pos().toString())
        .isEqualTo("a.tf:8:5");
  }

  @Test
  void eval_templatesFunctionsAndOperators() {
    assertThat(str("\"${lower(var.app)}-${upper(\"x\")}\"")).isEqualTo("teams-X");
    assertThat(str("format(\"%s-%03d\", var.app, 7)")).isEqualTo("Teams-  7");
    assertThat(str("\"$${literal} %%{x}\"")).isEqualTo("${literal} %{x}");
    assertThat(str("1 + 2 * 3 == 7 ? \"yes\" : \"no\"")).isEqualTo("yes");
    assertThat(str("join(\",\", [for s in [\"a\", \"b\"] : upper(s) if s != \"c\"])")).isEqualTo("A,B");
    assertThat(str("length({ for k, v in { a = 1, b = 2 } : k => v if v > 1 })")).isEqualTo("1");
    // a full splat covers the rest of the traversal, as in HCL: parentheses end it
    assertThat(str("([{ n = \"a\" }, { n = \"b\" }][*].n)[1]")).isEqualTo("b");
    assertThat(str("lookup({ a = \"x\" }, \"b\", \"d\")")).isEqualTo("d");
    assertThat(str("\"a\\tb\\u0041\"")).isEqualTo("a\tbA");
  }

  @Test
  void parse_heredoc_keepsLinesAndStripsIndentWithDash() {
    Body b = HclParser.parse("h.tf", "x = <<-EOT\n    one ${\"two\"}\n      three\n    EOT\ny = 1\n");
    Value v = Evaluator.eval(b.attribute("x").expr(), null);
    assertThat(Evaluator.stringOf(v)).isEqualTo("one two\n  three\n");
    assertThat(b.attribute("y").pos().line()).isEqualTo(5);
  }

  @Test
  void parse_syntaxErrors_nameFileLineColumn() {
    assertThatThrownBy(() -> HclParser.parse("e.tf", "a = \"open\nb = 1\n"))
        .isInstanceOf(HclException.class)
        .extracting(e -> ((HclException) e).render())
        .isEqualTo("e.tf:1:5: the string is not closed: expected \" on the same line");
    assertThatThrownBy(() -> HclParser.parse("e.tf", "resource \"a\" \"b\" {\n  x = [1, 2\n}\n"))
        .extracting(e -> ((HclException) e).render())
        .isEqualTo("e.tf:3:1: expected , or ] in the list, found '}'");
    assertThatThrownBy(() -> HclParser.parse("e.tf", "a = 1 b = 2\n"))
        .extracting(e -> ((HclException) e).render())
        .isEqualTo("e.tf:1:7: expected a line break after the item, found 'b'");
  }

  @Test
  void parse_deepNesting_isAnErrorNotAStackOverflow() {
    String deep = "a = " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "\n";
    assertThatThrownBy(() -> HclParser.parse("d.tf", deep))
        .isInstanceOf(HclException.class)
        .hasMessageContaining("nested more than 200 levels");
    String nots = "a = " + "!".repeat(100_000) + "true\n";
    assertThatThrownBy(() -> HclParser.parse("d.tf", nots)).isInstanceOf(HclException.class);
  }

  @Test
  void parse_anyText_givesABodyOrAnHclException() {
    qt().withExamples(3000)
        .forAll(strings().ascii().ofLengthBetween(0, 60))
        .checkAssert(
            s -> {
              try {
                HclParser.parse("f.tf", s);
              } catch (HclException expected) {
                assertThat(expected.pos().line()).isPositive();
              }
            });
  }
}
