package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of JSON patterns: hostile pattern text and hostile events never escape anything but
 * {@link FilterPatternException}; {@code &&}/{@code ||} precedence agrees with a reference
 * evaluator; wildcard equality agrees with a regex-based reference.
 */
class JsonPatternPropertiesTest {

  private static final List<String> PATTERN_PIECES =
      List.of(
          "{", "}", "$", ".", "$.a", "$.b", ".c", "[", "]", "[0]", "[99]", "[*]", ".*", "(", ")",
          "&&", "||", "&", "|", "=", "!=", "<", "<=", ">", ">=", "==", "!", " ", "  ", "\t", "\n",
          "IS", "NULL", "TRUE", "FALSE", "NOT", "EXISTS", "is", "\"", "\"x y\"", "'", "['k.k']",
          ".['", "%", "%a.%", "%(%", "%x{2}%", "*", "a*", "*a", "1", "-1.5e3", "+7", "1e", "abc",
          "@", "\\", "é", "\u0000", "\uD800", ",", "99999999999999999999");

  private static final List<String> EVENT_PIECES =
      List.of(
          "{", "}", "[", "]", "\"", ":", ",", "\"a\"", "\"b\"", "\"c\"", "\"a\":", "\"b\":{", "1",
          "-0.5e+3", "1e999999999", "12345678901234567890123", "true", "false", "null", "\\",
          "\\u", "\\uD800", "\\n", "\uD800", "\uDC00", "\u0000", " ", "\"x\"", "\"404\"", "NaN",
          "01", "[[[[", "]]]]", "{\"a\":", "'");

  private static final List<JsonPattern> FIXED_PATTERNS =
      List.of(
          JsonPattern.parse("{ $.a = 1 }", PatternOptions.defaults()),
          JsonPattern.parse("{ $.a[*] != \"x\" || $.b.c > 5 }", PatternOptions.defaults()),
          JsonPattern.parse("{ $.* = %4.4% && $.b NOT EXISTS }", PatternOptions.defaults()),
          JsonPattern.parse("{ $.a IS NULL || $.a IS TRUE || $.b[0][1] <= -1e3 }",
              PatternOptions.defaults()),
          JsonPattern.parse("{ ($.a = *x && $.c = x*) || $.['a'].* = *x* }",
              PatternOptions.defaults()));

  private static Gen<String> joined(List<String> pieces, int maxPieces) {
    return lists()
        .of(Generate.pick(pieces))
        .ofSizeBetween(0, maxPieces)
        .map(l -> String.join("", l));
  }

  @Test
  void parse_randomPatternText_throwsOnlyFilterPatternException() {
    Gen<String> tokens = joined(PATTERN_PIECES, 25).map(s -> "{ " + s + " }");
    Gen<String> chars = strings().betweenCodePoints(0x20, 0x7E).ofLengthBetween(0, 40);
    Gen<String> raw = chars.map(s -> "{" + s);
    qt().withExamples(4_000)
        .forAll(tokens.mix(raw, 30).mix(chars.map(s -> "{" + s + "}"), 30))
        .checkAssert(
            text -> {
              try {
                JsonPattern p = JsonPattern.parse(text, PatternOptions.defaults());
                assertThat(p.matches("{\"a\":1,\"b\":{\"c\":[1,2]}}")).isIn(true, false);
              } catch (FilterPatternException e) {
                assertThat(e.column()).isBetween(1, text.length() + 1);
                assertThat(e.awsMessage()).isNotBlank();
                assertThat(e.detail()).isNotBlank();
              }
            });
  }

  @Test
  void matches_hostileEvents_neverThrowAndMatchAgrees() {
    Gen<String> tokens = joined(EVENT_PIECES, 60);
    Gen<String> wrapped = tokens.map(s -> "{" + s + "}");
    Gen<String> any = strings().allPossible().ofLengthBetween(0, 60);
    qt().withExamples(4_000)
        .forAll(wrapped.mix(tokens, 20).mix(any.map(s -> "{\"a\":\"" + s + "\"}"), 20))
        .checkAssert(
            event -> {
              for (JsonPattern p : FIXED_PATTERNS) {
                boolean m = p.matches(event);
                PatternMatch match = p.match(event);
                assertThat(match != null).isEqualTo(m);
                if (match != null) {
                  assertThat(match.field("$.a")).isNotNull();
                  assertThat(match.field("$.b.c")).isNotNull();
                }
              }
            });
  }

  /** A random boolean formula over variables v0..v7: an operand tree with its reference value. */
  private sealed interface Formula permits Var, Bin {
    boolean eval(int bits);
  }

  private record Var(int index) implements Formula {
    @Override
    public boolean eval(int bits) {
      return (bits >> index & 1) == 1;
    }
  }

  private record Bin(boolean and, Formula left, Formula right) implements Formula {
    @Override
    public boolean eval(int bits) {
      return and ? left.eval(bits) && right.eval(bits) : left.eval(bits) || right.eval(bits);
    }
  }

  private static Formula randomFormula(Random r, int depth) {
    if (depth == 0 || r.nextInt(3) == 0) {
      return new Var(r.nextInt(8));
    }
    return new Bin(r.nextBoolean(), randomFormula(r, depth - 1), randomFormula(r, depth - 1));
  }

  /**
   * Renders with the fewest parentheses standard precedence needs (an OR operand of an AND), plus
   * some redundant ones, so the parser's precedence decides the rest.
   */
  private static String render(Formula f, Random r) {
    if (f instanceof Var v) {
      String c = "$.v" + v.index() + " = 1";
      return r.nextInt(5) == 0 ? "(" + c + ")" : c;
    }
    Bin b = (Bin) f;
    String l = render(b.left(), r);
    String rt = render(b.right(), r);
    if (b.and()) {
      l = isOr(b.left()) ? "(" + l + ")" : l;
      rt = isOr(b.right()) || b.right() instanceof Bin ? "(" + rt + ")" : rt;
      return l + " && " + rt;
    }
    rt = b.right() instanceof Bin && !((Bin) b.right()).and() ? "(" + rt + ")" : rt;
    String s = l + " || " + rt;
    return r.nextInt(6) == 0 ? "(" + s + ")" : s;
  }

  private static boolean isOr(Formula f) {
    return f instanceof Bin b && !b.and();
  }

  private static String event(int bits) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < 8; i++) {
      sb.append(i == 0 ? "" : ",").append("\"v").append(i).append("\":").append(bits >> i & 1);
    }
    return sb.append('}').toString();
  }

  @Test
  void matches_randomFormulas_agreeWithReferenceEvaluation() {
    qt().withExamples(1_500)
        .forAll(longs().all(), integers().between(0, 255))
        .checkAssert(
            (seed, bits) -> {
              Random r = new Random(seed);
              Formula f = randomFormula(r, 5);
              String pattern = "{ " + render(f, r) + " }";
              JsonPattern p = JsonPattern.parse(pattern, PatternOptions.defaults());
              assertThat(p.matches(event(bits))).as(pattern).isEqualTo(f.eval(bits));
            });
  }

  @Test
  void matches_flatChains_bindAndTighterThanOr() {
    qt().withExamples(1_500)
        .forAll(longs().all(), integers().between(0, 255))
        .checkAssert(
            (seed, bits) -> {
              Random r = new Random(seed);
              int n = 1 + r.nextInt(8);
              StringBuilder pattern = new StringBuilder("{ ");
              List<List<Integer>> orOfAnds = new ArrayList<>();
              orOfAnds.add(new ArrayList<>());
              for (int i = 0; i < n; i++) {
                int v = r.nextInt(8);
                if (i > 0) {
                  boolean and = r.nextBoolean();
                  pattern.append(and ? " && " : " || ");
                  if (!and) {
                    orOfAnds.add(new ArrayList<>());
                  }
                }
                pattern.append("$.v").append(v).append(" = 1");
                orOfAnds.get(orOfAnds.size() - 1).add(v);
              }
              boolean expected =
                  orOfAnds.stream().anyMatch(all -> all.stream().allMatch(v -> (bits >> v & 1) == 1));
              JsonPattern p = JsonPattern.parse(pattern + " }", PatternOptions.defaults());
              assertThat(p.matches(event(bits))).as(pattern.toString()).isEqualTo(expected);
            });
  }

  /** The spec's wildcard rule as a regex: only the first and the last character may be a star. */
  private static boolean referenceWildcardEquals(String value, String field) {
    boolean leading = value.startsWith("*");
    String rest = leading ? value.substring(1) : value;
    boolean trailing = !rest.isEmpty() && rest.endsWith("*");
    String core = trailing ? rest.substring(0, rest.length() - 1) : rest;
    String regex =
        "(?s)" + (leading ? ".*" : "") + com.google.re2j.Pattern.quote(core) + (trailing ? ".*" : "");
    return com.google.re2j.Pattern.matches(regex, field);
  }

  @Test
  void valueCondition_wildcardEquality_agreesWithReference() {
    Gen<String> value =
        lists().of(Generate.pick(List.of("a", "b", "*", ".", "-"))).ofSizeBetween(0, 5)
            .map(l -> String.join("", l));
    Gen<String> field =
        lists().of(Generate.pick(List.of("a", "b", "*", ".", "-", "ab"))).ofSizeBetween(0, 6)
            .map(l -> String.join("", l));
    qt().withExamples(5_000)
        .forAll(value, field)
        .checkAssert(
            (v, f) -> {
              boolean expected = referenceWildcardEquals(v, f);
              String quoted = "\"" + v + "\"";
              ValueCondition eq = ValueCondition.parse(ValueCondition.Op.EQ, quoted, quoted, 1);
              ValueCondition ne = ValueCondition.parse(ValueCondition.Op.NE, quoted, quoted, 1);
              assertThat(eq.testString(f)).as("%s = %s", f, quoted).isEqualTo(expected);
              assertThat(ne.testString(f)).as("%s != %s", f, quoted).isEqualTo(!expected);
              assertThat(eq.test(f, false)).isEqualTo(expected);
              if (!v.isEmpty()) {
                ValueCondition bare = ValueCondition.parse(ValueCondition.Op.EQ, v, v, 1);
                assertThat(bare.testString(f)).as("%s = %s (bare)", f, v).isEqualTo(expected);
              }
            });
  }

  private static final tools.jackson.databind.ObjectMapper MAPPER =
      new tools.jackson.databind.ObjectMapper();

  private static final List<String> SCALARS =
      List.of(
          "0", "1", "-3", "404", "1.5", "0.25", "100", "12345678901", "\"x\"", "\"1\"",
          "\"404\"", "\"abc\"", "\"\"", "true", "false", "null");

  private static final List<String> SELECTORS =
      List.of("$.a", "$.b", "$.a.b", "$.a[0]", "$.a[*]", "$.*.a", "$.b[1].c", "$.*", "$.c.['a']");

  private static final List<String> TESTS =
      List.of(
          "= 1", "!= 1", "= \"1\"", "= *", "= x*", "!= *x", "= %4%", "> 1", "<= 1e2", ">= -3",
          "= 404", "IS NULL", "IS TRUE", "IS FALSE", "NOT EXISTS");

  /** A random JSON value without repeated keys (keys a, b, c). */
  private static String randomJson(Random r, int depth, boolean object) {
    int kind = object ? 3 : depth == 0 ? 0 : r.nextInt(4);
    if (kind <= 1) {
      return SCALARS.get(r.nextInt(SCALARS.size()));
    }
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(4);
    if (kind == 2) {
      sb.append('[');
      for (int i = 0; i < n; i++) {
        sb.append(i == 0 ? "" : ",").append(randomJson(r, depth - 1, false));
      }
      return sb.append(']').toString();
    }
    sb.append('{');
    List<String> keys = new ArrayList<>(List.of("a", "b", "c"));
    java.util.Collections.shuffle(keys, r);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(keys.get(i)).append("\":");
      sb.append(randomJson(r, depth - 1, false));
    }
    return sb.append('}').toString();
  }

  /** The reference: select on a Jackson tree, then test each node (no streaming). */
  private static boolean referenceCondition(
      tools.jackson.databind.JsonNode root, JsonSelector sel, String test) {
    List<tools.jackson.databind.JsonNode> nodes = List.of(root);
    for (JsonSelector.Step step : sel.steps()) {
      List<tools.jackson.databind.JsonNode> next = new ArrayList<>();
      for (tools.jackson.databind.JsonNode n : nodes) {
        if (step instanceof JsonSelector.Name name) {
          if (n.isObject() && n.has(name.key())) {
            next.add(n.get(name.key()));
          }
        } else if (step instanceof JsonSelector.Index index) {
          if (n.isArray() && index.index() < n.size()) {
            next.add(n.get(index.index()));
          }
        } else if (n.isArray() || n.isObject()) {
          next.addAll(n.values());
        }
      }
      nodes = next;
    }
    switch (test) {
      case "NOT EXISTS":
        return nodes.isEmpty();
      case "IS NULL":
        return nodes.stream().anyMatch(tools.jackson.databind.JsonNode::isNull);
      case "IS TRUE":
        return nodes.stream().anyMatch(n -> n.isBoolean() && n.booleanValue());
      case "IS FALSE":
        return nodes.stream().anyMatch(n -> n.isBoolean() && !n.booleanValue());
      default:
        int space = test.indexOf(' ');
        String op = test.substring(0, space);
        ValueCondition.Op vop =
            java.util.Arrays.stream(ValueCondition.Op.values())
                .filter(o -> o.symbol.equals(op))
                .findFirst()
                .orElseThrow();
        ValueCondition c = ValueCondition.parse(vop, test.substring(space + 1), test, 1);
        return nodes.stream().anyMatch(c::testJson);
    }
  }

  @Test
  void matches_randomValidJson_agreesWithTreeReference() {
    qt().withExamples(3_000)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              String event = randomJson(r, 4, true);
              tools.jackson.databind.JsonNode root = MAPPER.readTree(event);
              int n = 1 + r.nextInt(3);
              int regexes = 0;
              StringBuilder pattern = new StringBuilder("{ ");
              List<List<Boolean>> orOfAnds = new ArrayList<>();
              orOfAnds.add(new ArrayList<>());
              for (int i = 0; i < n; i++) {
                if (i > 0) {
                  boolean and = r.nextBoolean();
                  pattern.append(and ? " && " : " || ");
                  if (!and) {
                    orOfAnds.add(new ArrayList<>());
                  }
                }
                String selText = SELECTORS.get(r.nextInt(SELECTORS.size()));
                String test = TESTS.get(r.nextInt(TESTS.size()));
                if (test.contains("%") && ++regexes > 2) {
                  test = "= 1"; // at most 2 regexes per pattern
                }
                pattern.append(selText).append(' ').append(test);
                JsonSelector sel = JsonSelector.parseReference(selText);
                orOfAnds.get(orOfAnds.size() - 1).add(referenceCondition(root, sel, test));
              }
              pattern.append(" }");
              boolean expected =
                  orOfAnds.stream().anyMatch(all -> all.stream().allMatch(b -> b));
              JsonPattern p = JsonPattern.parse(pattern.toString(), PatternOptions.defaults());
              assertThat(p.matches(event)).as("%s on %s", pattern, event).isEqualTo(expected);
            });
  }
}
