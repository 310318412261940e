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
      List<FilterPattern> patterns = randomPatterns(r);
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

  @Test
  void mayMatch_moreDistinctRareBytesThanTheWordScanTakes_agreesWithTheDecodedText() {
    // twelve literals with twelve different rarest bytes: the byte loop, not the word scan
    List<FilterPattern> patterns = new ArrayList<>();
    for (String w : List.of("qA", "qB", "qC", "qD", "qE", "qF", "qG", "qH", "qI", "qJ", "qK", "qL")) {
      patterns.add(FilterPattern.compile("\"" + w + "\""));
    }
    LiteralPrefilter p = LiteralPrefilter.of(patterns);
    assertThat(p).isNotNull();
    Random r = new Random(7);
    int accepted = 0;
    for (int k = 0; k < 20_000; k++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(40);
      for (int i = 0; i < n; i++) {
        sb.append("qABCDEFGHIJKLxy ".charAt(r.nextInt(16)));
      }
      String line = sb.toString();
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      boolean may = p.mayMatch(b, 0, b.length);
      assertThat(may).as(line).isEqualTo(patterns.stream().anyMatch(fp -> fp.matches(line)));
      accepted += may ? 1 : 0;
    }
    assertThat(accepted).isBetween(2_000, 18_000);
  }

  @Test
  void mayMatch_longMessagesAndTheirWrittenForms_agreeWithTheDecodedText() {
    // long enough for the eight-byte scan, with literals at any offset and across word boundaries;
    // the written form (JSON escapes) never rejects what the decoded text may match
    AtomicLong accepted = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    AtomicLong writtenRejected = new AtomicLong();
    qt().withExamples(1500).forAll(longs().all()).check(seed -> {
      Random r = new Random(seed);
      LiteralPrefilter p = randomPrefilter(r);
      if (p == null) {
        return true;
      }
      LiteralPrefilter inJson = p.inJsonStrings();
      if (inJson == null) {
        throw new AssertionError(p + " has no form in JSON strings");
      }
      for (int k = 0; k < 20; k++) {
        String line = longLine(r);
        int pad = r.nextInt(9);
        byte[] b = ("x".repeat(pad) + line + "y").getBytes(StandardCharsets.UTF_8);
        boolean may = p.mayMatch(b, pad, b.length - 1);
        if (may != p.mayMatch(line)) {
          throw new AssertionError(p + " on '" + line + "': bytes " + may);
        }
        (may ? accepted : rejected).incrementAndGet();
        byte[] w = ("\"" + written(line, r) + "\"").getBytes(StandardCharsets.UTF_8);
        boolean writtenMay = inJson.mayMatch(w, 1, w.length - 1);
        if (may && !writtenMay) {
          throw new AssertionError(inJson + " rejects '" + new String(w, StandardCharsets.UTF_8)
              + "', but " + p + " accepts '" + line + "'");
        }
        if (!writtenMay) {
          writtenRejected.incrementAndGet();
        }
      }
      return true;
    });
    assertThat(accepted.get()).as("accepted").isGreaterThan(3000);
    assertThat(rejected.get()).as("rejected").isGreaterThan(3000);
    assertThat(writtenRejected.get()).as("written forms rejected").isGreaterThan(3000);
  }

  @Test
  void inJsonStrings_theAdrDelimitedPatterns_rejectAnAccessLineOfAnotherStatusAsWritten() {
    LiteralPrefilter p = LiteralPrefilter.of(List.of(
        FilterPattern.compile("[level, client, dash, request=*HTTP*, status=4*, ...]"),
        FilterPattern.compile("%a\\x09b%")));
    assertThat(p).isNotNull();
    LiteralPrefilter inJson = p.inJsonStrings();
    assertThat(inJson).isNotNull();
    assertThat(inJson.literals()).contains("\\\"4", "\t4", "\\t4", "a\tb", "a\\tb");
    byte[] ok = "INFO:     10.0.0.1:4210 - \\\"POST /mcp HTTP/1.1\\\" 200 OK".getBytes(StandardCharsets.UTF_8);
    byte[] bad = "INFO:     10.0.0.1:4210 - \\\"POST /mcp HTTP/1.1\\\" 404 Not Found".getBytes(StandardCharsets.UTF_8);
    assertThat(inJson.mayMatch(ok, 0, ok.length)).isFalse();
    assertThat(inJson.mayMatch(bad, 0, bad.length)).isTrue();
  }

  @Test
  void inJsonStrings_noneForALiteralWithMoreThanFourForms() {
    LiteralPrefilter p = LiteralPrefilter.of(List.of(FilterPattern.compile("%a\\x09b\\x0Ac\\x0Dd%")));
    assertThat(p).isNotNull();
    assertThat(p.inJsonStrings()).isNull();
  }

  /** A prefilter of one to four random patterns, or null when they have none. */
  private static LiteralPrefilter randomPrefilter(Random r) {
    return LiteralPrefilter.of(randomPatterns(r));
  }

  /** One to four random valid patterns. */
  private static List<FilterPattern> randomPatterns(Random r) {
    List<FilterPattern> patterns = new ArrayList<>();
    int n = 1 + r.nextInt(4);
    while (patterns.size() < n) {
      try {
        patterns.add(FilterPattern.compile(randomPattern(r)));
      } catch (FilterPatternException e) {
        // not a valid pattern: draw another
      }
    }
    return patterns;
  }

  /** A line of one to six random lines, with control characters, quotes and backslashes. */
  private static String longLine(Random r) {
    StringBuilder sb = new StringBuilder();
    int parts = 1 + r.nextInt(6);
    for (int i = 0; i < parts; i++) {
      sb.append(randomLine(r)).append(pick(r, new String[] {" ", "\t", "\n", "\"", "\\", "\r", "", "\u0001"}));
    }
    return sb.toString();
  }

  /**
   * The line as a JSON writer may put it between quotes with only the escapes \" \\ \n \t \r \b
   * \f: quotes and backslashes escaped, those control characters escaped or not (a lenient writer).
   */
  private static String written(String line, Random r) {
    StringBuilder sb = new StringBuilder();
    for (char c : line.toCharArray()) {
      int e = "\n\t\r\b\f".indexOf(c);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (e >= 0 && r.nextBoolean()) {
        sb.append('\\').append("ntrbf".charAt(e));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
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
