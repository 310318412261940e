package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The literal prefilter: which literals each pattern kind requires, and the property that it never
 * rejects a message that one of its patterns matches.
 */
class LiteralPrefilterTest {

  private static List<String> required(String pattern) {
    return FilterPattern.compile(pattern).requiredLiterals();
  }

  @Test
  void requiredLiterals_ofTheFourAdrPatterns() {
    assertThat(required("\"OBO token exchange failed\""))
        .containsExactly("OBO token exchange failed");
    assertThat(required("[level=\"ERROR:*\" || level=\"CRITICAL:*\", ...]"))
        .containsExactly("ERROR:", "CRITICAL:");
    assertThat(required("[level, client, dash, request=*HTTP*, status=4*, ...]"))
        .containsExactly("HTTP");
    assertThat(required("%^(ERROR|CRITICAL):%".replace("(", "").replace(")", "")))
        .containsExactly("ERROR", "CRITICAL:");
  }

  @Test
  void requiredLiterals_ofTermPatterns() {
    assertThat(required("ERROR Exception")).containsExactly("Exception");
    assertThat(required("?ERROR ?WARN")).containsExactlyInAnyOrder("ERROR", "WARN");
    assertThat(required("ERROR -Exiting")).containsExactly("ERROR");
    assertThat(required("-Exiting")).isNull(); // matches any message without it
    assertThat(required("")).isNull();
    assertThat(required("\"\"")).isNull();
    assertThat(required("?\"\" ?a")).isNull(); // ?"" matches every message
  }

  @Test
  void requiredLiterals_ofRegexPatterns() {
    assertThat(required("%AUTHORIZED%")).containsExactly("AUTHORIZED");
    assertThat(required("%^starting|^initializing|^shutting down%"))
        .containsExactly("starting", "initializing", "shutting down");
    assertThat(required("%ab+c%")).containsExactly("ab");
    assertThat(required("%abc?de%")).containsExactly("ab");
    assertThat(required("%x*status=5[0-9][0-9]%")).containsExactly("status=5");
    assertThat(required("%a{0,3}bc{2}d%")).containsExactly("bc");
    assertThat(required("%\\x3Afoo\\.bar%")).containsExactly(":foo.bar");
    assertThat(required("%[0-9]+%")).isNull();
    assertThat(required("%ERROR|\\d+%")).isNull(); // the second alternative has no literal
    assertThat(required("%^.*%")).isNull();
  }

  @Test
  void requiredLiterals_ofDelimitedAndJsonPatterns() {
    assertThat(required("[ip, user, ..., status=4*, size]")).containsExactly("4");
    assertThat(required("[a=\"x y\" && a=*y, b]")).containsExactly("x y");
    assertThat(required("[a=%ab+c% || a=zz, b]")).containsExactlyInAnyOrder("ab", "zz");
    assertThat(required("[a=404, b]")).isNull(); // numeric: 404.0 is equal
    assertThat(required("[a!=x, b]")).isNull();
    assertThat(required("[a=x || a>3, b]")).isNull();
    assertThat(required("[a=*, b]")).isNull();
    assertThat(required("[]")).isNull();
    assertThat(required("[a, b]")).isNull();
    assertThat(required("{ $.level = \"ERROR\" }")).isNull();
  }

  @Test
  void requiredAll_aDelimitedFieldAfterAnotherMustStartAfterAFieldBoundary() {
    assertThat(FilterPattern.compile("[level, client, dash, request=*HTTP*, status=4*, ...]")
            .requiredAll())
        .contains(List.of("HTTP"), List.of(" 4", "\t4", "\"4", "[4", "]4"));
    assertThat(FilterPattern.compile("[status=4*, ...]").requiredAll()) // may be the first field
        .containsExactly(List.of("4"));
    assertThat(FilterPattern.compile("[..., status=4*]").requiredAll()) // may be the first field
        .containsExactly(List.of("4"));
    assertThat(FilterPattern.compile("[a, s=*4]").requiredAll()).containsExactly(List.of("4"));
    assertThat(FilterPattern.compile("[a, s=4* || s=5*]").requiredAll())
        .containsExactly(List.of("4", "5"));
  }

  @Test
  void mayMatch_accessLinesOfOtherStatusesAreRejectedBeforeDecoding() {
    LiteralPrefilter p = LiteralPrefilter.of(List.of(
        FilterPattern.compile("[level, client, dash, request=*HTTP*, status=4*, ...]"),
        FilterPattern.compile("[level, client, dash, request=*HTTP*, status=5*, ...]")));
    String ok = "INFO:     10.0.0.4:42106 - \"POST /mcp/4 HTTP/1.1\" 200 OK";
    String notFound = "INFO:     10.0.0.1:42106 - \"POST /mcp HTTP/1.1\" 404 Not Found";
    assertThat(mayMatch(p, ok)).isFalse();
    assertThat(mayMatch(p, notFound)).isTrue();
    assertThat(mayMatch(p, notFound.replace("404", "503"))).isTrue();
    assertThat(mayMatch(p, "INFO: 4xx 5xx without the protocol")).isFalse();
  }

  @Test
  void of_aPatternWithoutRequiredLiteralDisablesTheGroupsPrefilter() {
    assertThat(LiteralPrefilter.of(List.of(FilterPattern.compile("ERROR"),
        FilterPattern.compile("-DEBUG")))).isNull();
    assertThat(LiteralPrefilter.of(List.of())).isNull();
    LiteralPrefilter p = LiteralPrefilter.of(List.of(FilterPattern.compile("ERROR"),
        FilterPattern.compile("?\"ERROR:\" ?WARN"), FilterPattern.compile("%caf\\x65%")));
    assertThat(p).isNotNull();
    assertThat(p.literals()).contains("ERROR", "WARN", "cafe");
    assertThat(mayMatch(p, "x WARN y")).isTrue();
    assertThat(mayMatch(p, "error warn")).isFalse(); // case-sensitive, as CloudWatch
    assertThat(mayMatch(p, "Café")).isFalse();
    assertThat(mayMatch(p, "un café, ERROR")).isTrue();
  }

  @Test
  void mayMatch_findsNonAsciiLiteralsInTheUtf8Bytes() {
    LiteralPrefilter p = LiteralPrefilter.of(List.of(FilterPattern.compile("\"é 🔥\"")));
    assertThat(mayMatch(p, "ab é 🔥 c")).isTrue();
    assertThat(mayMatch(p, "ab e 🔥 c")).isFalse();
    assertThat(mayMatch(p, "é 🔥")).isTrue();
    assertThat(mayMatch(p, "é ")).isFalse();
  }

  private static boolean mayMatch(LiteralPrefilter p, String message) {
    byte[] b = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    int from = "{\"message\":\"".length();
    boolean bytes = p.mayMatch(b, from, b.length - 2);
    assertThat(p.mayMatch(message)).as("String and byte forms agree").isEqualTo(bytes);
    return bytes;
  }

  // ---------------------------------------------------------------- property

  private static final String[] WORDS = {"a", "b", "ab", "ERROR", "E", "4", "40", "404", "x_1"};
  private static final String[] PHRASES = {"a b", "x:y", "é", "a\\\"b", "4*", "ERROR:", "c.d"};
  private static final String[] VALUES = {"ab*", "*b", "*a*", "a", "\"a b\"", "4*", "404", "\"x:y\"",
    "%a+b%", "%^ab|c.d%", "%[ab]{2}%", "%\\d%", "*", "\"ERROR:*\"", "E*", "\"*\"", "\"40\"",
    "\"4.0\"", "40*", "\"a*\""};
  private static final String[] REGEX = {"a", "b", "ab", ".", "[ab]", "\\d", "x", "?", "*", "+",
    "{2}", "{0,2}", "{1,}", "|", "^", "$", "\\x41", "\\.", "E", ":", " ", "[^a]", "\\w"};
  private static final String[] TOKENS = {"a", "b", "ab", "ERROR:", "ERROR", "4", "404", "40x",
    "a b", "\"a b\"", "x:y", "é", "[ab]", "A", "c.d", "E", "x_1", "a\"b", "AAb", "4.0e2", "aab",
    "\"ERROR:x\"", "[E r]", "4.0", "040", "+40", "40.", "\"40x\"", "[4]", "\"4"};
  private static final String[] SEPARATORS = {" ", " ", " ", "", "\t", "  ", ":", "é", "\"", "]"};

  @Test
  void mayMatch_neverRejectsAMessageThatOneOfTheGroupsPatternsMatches() {
    AtomicLong groups = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    AtomicLong matched = new AtomicLong();
    qt().withExamples(3000).forAll(longs().all()).check(seed -> {
      Random r = new Random(seed);
      List<FilterPattern> patterns = new ArrayList<>();
      int n = 1 + r.nextInt(4);
      while (patterns.size() < n) {
        try {
          patterns.add(FilterPattern.compile(randomPattern(r)));
        } catch (FilterPatternException e) {
          // not a valid pattern: draw another
        }
      }
      LiteralPrefilter p = LiteralPrefilter.of(patterns);
      if (p == null) {
        return true;
      }
      groups.incrementAndGet();
      for (int k = 0; k < 40; k++) {
        String line = randomLine(r);
        byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        boolean may = p.mayMatch(b, 2, b.length - 2);
        boolean any = patterns.stream().anyMatch(fp -> fp.matches(line));
        if (any) {
          matched.incrementAndGet();
          if (!may) {
            throw new AssertionError(patterns + " match '" + line + "' but " + p + " rejects it");
          }
        } else if (!may) {
          rejected.incrementAndGet();
        }
        if (may != p.mayMatch(line)) {
          return false;
        }
      }
      return true;
    });
    assertThat(groups.get()).as("groups with a prefilter").isGreaterThan(1000);
    assertThat(matched.get()).as("lines a pattern matched").isGreaterThan(5000);
    assertThat(rejected.get()).as("lines the prefilter rejected").isGreaterThan(5000);
  }

  private static String randomPattern(Random r) {
    switch (r.nextInt(3)) {
      case 0: {
        StringBuilder sb = new StringBuilder();
        int terms = 1 + r.nextInt(3);
        for (int i = 0; i < terms; i++) {
          sb.append(new String[] {"", "", "-", "?"}[r.nextInt(4)]);
          sb.append(r.nextBoolean() ? pick(r, WORDS) : "\"" + pick(r, PHRASES) + "\"");
          sb.append(' ');
        }
        return sb.toString();
      }
      case 1: {
        StringBuilder sb = new StringBuilder("[");
        int slots = 1 + r.nextInt(3);
        boolean ellipsis = r.nextBoolean();
        int at = r.nextInt(slots + 1);
        for (int i = 0; i < slots; i++) {
          if (ellipsis && i == at) {
            sb.append("..., ");
          }
          String name = "f" + i;
          sb.append(name);
          if (r.nextInt(3) > 0) {
            int conds = 1 + r.nextInt(3);
            for (int c = 0; c < conds; c++) {
              if (c > 0) {
                sb.append(r.nextBoolean() ? " || " : " && ").append(name);
              }
              int op = r.nextInt(8);
              if (op == 0) {
                sb.append(" != ").append(pick(r, VALUES));
              } else if (op == 1) {
                sb.append(" > ").append(r.nextInt(500));
              } else {
                sb.append(" = ").append(pick(r, VALUES));
              }
            }
          }
          sb.append(i < slots - 1 ? ", " : "");
        }
        if (ellipsis && at == slots) {
          sb.append(", ...");
        }
        return sb.append(']').toString();
      }
      default: {
        StringBuilder sb = new StringBuilder("%");
        int parts = 1 + r.nextInt(6);
        for (int i = 0; i < parts; i++) {
          sb.append(pick(r, REGEX));
        }
        return sb.append('%').toString();
      }
    }
  }

  private static String randomLine(Random r) {
    StringBuilder sb = new StringBuilder();
    int tokens = r.nextInt(7);
    for (int i = 0; i < tokens; i++) {
      if (i > 0) {
        sb.append(pick(r, SEPARATORS));
      }
      sb.append(pick(r, TOKENS));
    }
    return sb.toString();
  }

  private static String pick(Random r, String[] from) {
    return from[r.nextInt(from.length)];
  }
}
