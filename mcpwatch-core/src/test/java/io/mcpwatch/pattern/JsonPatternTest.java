package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching semantics of JSON patterns, extraction, field resolution and hostile events. */
class JsonPatternTest {

  private static JsonPattern parse(String pattern) {
    return JsonPattern.parse(pattern, PatternOptions.defaults());
  }

  private static boolean matches(String pattern, String event) {
    JsonPattern p = parse(pattern);
    boolean m = p.matches(event);
    assertThat(p.match(event) != null).as("match() agrees with matches()").isEqualTo(m);
    return m;
  }

  @Test
  void matches_wildcardFormsSelectMembersAndElementsAlike() {
    assertThat(matches("{ $.a.* = 2 }", "{\"a\":[1,2]}")).isTrue();
    assertThat(matches("{ $.a[*] = 2 }", "{\"a\":{\"x\":1,\"y\":2}}")).isTrue();
    assertThat(matches("{ $.* = 2 }", "{\"a\":1,\"b\":2}")).isTrue();
    assertThat(matches("{ $.* = 3 }", "{\"a\":1,\"b\":2}")).isFalse();
    assertThat(matches("{ $.a[*].id = 3 }", "{\"a\":[{\"id\":1},{\"id\":3}]}")).isTrue();
  }

  @Test
  void matches_wildcardNotEqual_isTrueIfAnyNodeDiffers() {
    assertThat(matches("{ $.a[*] != 1 }", "{\"a\":[1,2]}")).isTrue();
    assertThat(matches("{ $.a[*] != 1 }", "{\"a\":[1,1]}")).isFalse();
    assertThat(matches("{ $.a[*] != 1 }", "{\"a\":[]}")).isFalse();
    assertThat(matches("{ $.a[*] != 1 }", "{\"a\":[[2],{\"b\":2}]}")).isFalse();
  }

  @Test
  void matches_notExistsWithWildcard_meansNothingSelected() {
    assertThat(matches("{ $.a[*] NOT EXISTS }", "{\"a\":[]}")).isTrue();
    assertThat(matches("{ $.a[*] NOT EXISTS }", "{\"b\":1}")).isTrue();
    assertThat(matches("{ $.a[*] NOT EXISTS }", "{\"a\":[null]}")).isFalse();
    assertThat(matches("{ $.a NOT EXISTS }", "{\"a\":{}}")).isFalse();
  }

  @Test
  void matches_isLiterals() {
    assertThat(matches("{ $.f IS FALSE }", "{\"f\":false}")).isTrue();
    assertThat(matches("{ $.f IS FALSE }", "{\"f\":\"false\"}")).isFalse();
    assertThat(matches("{ $.f IS TRUE }", "{\"f\":1}")).isFalse();
    assertThat(matches("{ $.f IS NULL }", "{\"f\":\"null\"}")).isFalse();
    assertThat(matches("{ $.f[*] IS NULL }", "{\"f\":[1,null]}")).isTrue();
  }

  @Test
  void matches_booleansAndNullSatisfyNoComparison() {
    for (String v : List.of("true", "false", "null")) {
      String event = "{\"f\":" + v + "}";
      assertThat(matches("{ $.f = " + v + " }", event)).as(v).isFalse();
      assertThat(matches("{ $.f = \"" + v + "\" }", event)).as(v).isFalse();
      assertThat(matches("{ $.f != x }", event)).as(v).isFalse();
      assertThat(matches("{ $.f = * }", event)).as(v).isFalse();
    }
  }

  @Test
  void matches_stringEscapesInEventsAreDecoded() {
    assertThat(matches("{ $.a = \"é\" }", "{\"a\":\"\\u00e9\"}")).isTrue();
    assertThat(matches("{ $.a = \"x\\\"y\" }", "{\"a\":\"x\\\"y\"}")).isTrue();
    assertThat(matches("{ $.['k\"'] = 1 }", "{\"k\\\"\":1}")).isTrue();
  }

  @Test
  void matches_repeatedKey_everyOccurrenceCounts() {
    String event = "{\"user\":\"root\",\"user\":\"guest\"}";
    assertThat(matches("{ $.user = root }", event)).isTrue();
    assertThat(matches("{ $.user = guest }", event)).isTrue();
    assertThat(parse("{ $.user = * }").match(event).field("$.user")).contains("root");
  }

  @Test
  void matches_numbersCompareExactly() {
    assertThat(matches("{ $.n = 12345678901234567890 }", "{\"n\":12345678901234567891}"))
        .isFalse();
    assertThat(matches("{ $.n < 12345678901234567891 }", "{\"n\":12345678901234567890}"))
        .isTrue();
    assertThat(matches("{ $.n = 0.1 }", "{\"n\":1e-1}")).isTrue();
    assertThat(matches("{ $.n = -0 }", "{\"n\":0}")).isTrue();
    assertThat(matches("{ $.n > 1e308 }", "{\"n\":1e309}")).isTrue();
    assertThat(matches("{ $.n > 1 }", "{\"n\":1e999999999999}")).isTrue();
    assertThat(matches("{ $.n < 1 }", "{\"n\":1e-999999999999}")).isTrue();
  }

  @Test
  void matches_notJson_neverMatches() {
    JsonPattern p = parse("{ $.a NOT EXISTS }");
    for (String event :
        List.of(
            "",
            "{",
            "}",
            "{}}",
            "{} {}",
            "[]",
            "[{}]",
            "\"{}\"",
            "{'a':1}",
            "{\"a\":NaN}",
            "{\"b\":01}",
            "{\"b\":1,}",
            "{\"b\":\"\u0001\"}",
            "\uFEFF{}",
            "{/*c*/}")) {
      assertThat(p.matches(event)).as(event).isFalse();
      assertThat(p.match(event)).as(event).isNull();
    }
    assertThat(p.matches("{}")).isTrue();
    assertThat(p.matches(" \n{\"b\":[1,{\"c\":null}]}\r\n")).isTrue();
  }

  @Test
  void matches_hostileEvents_neverThrow() {
    JsonPattern p = parse("{ $.a[*] = 1 || $.b.c > 5 || $.d = %x% || $.e NOT EXISTS }");
    String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    String deepObjects = "{\"b\":".repeat(10_000) + "1" + "}".repeat(10_000);
    String hugeNumber = "{\"b\":{\"c\":1" + "0".repeat(5_000) + "}}";
    String surrogates = "{\"d\":\"x\uD800\",\"e\":\"\uDC00\\ud800\"}";
    String nul = "{\"d\":\"x\\u0000\"}";
    String huge = "{\"d\":\"" + "x".repeat(JsonEventScanner.MAX_EVENT_CHARS) + "\"}";
    for (String event : List.of(deep, deepObjects, hugeNumber, huge)) {
      assertThat(p.matches(event)).isFalse();
      assertThat(p.match(event)).isNull();
    }
    assertThat(p.matches(surrogates)).isTrue();
    assertThat(p.matches(nul)).isTrue();
  }

  @Test
  void matches_nestingUpToTheLimit_isJson() {
    int depth = JsonEventScanner.MAX_DEPTH - 1;
    String event = "{\"x\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + ",\"a\":1}";
    assertThat(parse("{ $.a = 1 }").matches(event)).isTrue();
    String tooDeep = "{\"x\":" + "[".repeat(depth + 1) + "]".repeat(depth + 1) + ",\"a\":1}";
    assertThat(parse("{ $.a = 1 }").matches(tooDeep)).isFalse();
  }

  @Test
  void match_extractsWildcardFreeScalarSelectorsInOrder() {
    JsonPattern p =
        parse("{ $.b = * && $.a.x = 1 && $.n IS NULL && $.o NOT EXISTS || $.l[*] = 1 || $.t IS TRUE }");
    PatternMatch m = p.match("{\"a\":{\"x\":1.0},\"b\":\"s\",\"n\":null,\"l\":[1],\"t\":true}");
    assertThat(m).isNotNull();
    assertThat(m.extractedValues())
        .containsExactly(
            org.assertj.core.api.Assertions.entry("$.b", "s"),
            org.assertj.core.api.Assertions.entry("$.a.x", "1.0"),
            org.assertj.core.api.Assertions.entry("$.t", "true"));
  }

  @Test
  void match_nullsAndAbsentPathsExtractNothing() {
    String event = "{\"SomeObject\":null,\"ThisFlag\":true}";
    assertThat(parse("{ $.SomeObject IS NULL }").match(event).extractedValues()).isEmpty();
    assertThat(parse("{ $.Other NOT EXISTS }").match(event).extractedValues()).isEmpty();
    assertThat(parse("{ $.Other NOT EXISTS && $.ThisFlag IS TRUE }").match(event).extractedValues())
        .containsExactly(org.assertj.core.api.Assertions.entry("$.ThisFlag", "true"));
  }

  @Test
  void field_resolvesScalarsAnywhereAndNothingElse() {
    String event =
        "{\"s\":\"text\",\"n\":-1.50e3,\"t\":true,\"f\":false,\"z\":null,\"o\":{\"k.k\":[7]},"
            + "\"arr\":[1,2]}";
    PatternMatch m = parse("{ $.s = text }").match(event);
    assertThat(m).isNotNull();
    assertThat(m.field("$.s")).contains("text");
    assertThat(m.field("$.['s']")).contains("text");
    assertThat(m.field("$.n")).contains("-1.50e3");
    assertThat(m.field("$.t")).contains("true");
    assertThat(m.field("$.f")).contains("false");
    assertThat(m.field("$.o.['k.k'][0]")).contains("7");
    assertThat(m.field("$.arr[1]")).contains("2");
    assertThat(m.field("$.z")).isEmpty();
    assertThat(m.field("$.o")).isEmpty();
    assertThat(m.field("$.arr")).isEmpty();
    assertThat(m.field("$.missing")).isEmpty();
    assertThat(m.field("$.arr[*]")).isEmpty();
    assertThat(m.field("$size")).isEmpty();
    assertThat(m.field("$1")).isEmpty();
    assertThat(m.field("$.s extra")).isEmpty();
    assertThat(m.field("")).isEmpty();
  }

  @Test
  void canReference_onlyWildcardFreePathsThePatternSelects() {
    JsonPattern p = parse("{ $.a.b = * && $.list[*] = 1 && $.c NOT EXISTS }");
    assertThat(p.canReference("$.a.b")).isTrue();
    assertThat(p.canReference("$.a.['b']")).isTrue();
    assertThat(p.canReference("$.c")).isTrue();
    assertThat(p.canReference("$.a")).isFalse();
    assertThat(p.canReference("$.other")).isFalse();
    assertThat(p.canReference("$.list[*]")).isFalse();
    assertThat(p.canReference("$.list[0]")).isFalse();
    assertThat(p.canReference("$size")).isFalse();
    assertThat(p.canReference("$7")).isFalse();
    assertThat(p.canReference("$.a.b ")).isFalse();
    assertThat(p.canReference("")).isFalse();
  }

  @Test
  void matches_isThreadSafe() throws InterruptedException {
    JsonPattern p = parse("{ $.a[*] = %x% && $.b > 5 }");
    String yes = "{\"a\":[\"y\",\"xx\"],\"b\":6}";
    String no = "{\"a\":[\"y\"],\"b\":6}";
    boolean[] ok = new boolean[4];
    Thread[] threads = new Thread[ok.length];
    for (int t = 0; t < threads.length; t++) {
      int i = t;
      threads[t] =
          new Thread(
              () -> {
                boolean good = true;
                for (int k = 0; k < 2_000; k++) {
                  good &= p.matches(yes) && !p.matches(no);
                }
                ok[i] = good;
              },
              "json-pattern-test-" + t);
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(ok).containsOnly(true);
  }
}
