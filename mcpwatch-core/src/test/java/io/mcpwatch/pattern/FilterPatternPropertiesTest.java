package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the pattern language: hostile pattern text either compiles or fails with {@link
 * FilterPatternException}; no event text makes matching throw; term patterns follow the spec's
 * reference algorithm; the allocation-free and the extracting paths of space-delimited patterns
 * agree.
 */
class FilterPatternPropertiesTest {

  private static final List<String> TOKENS =
      List.of(
          "[", "]", "{", "}", "%", "\"", "\\", "?", "??", "-", "*", "|", "||", "&&", "&", "=",
          "!=", "<", "<=", ">", ">=", "==", ",", "...", ".", "$", "$.", "$1", "(", ")", "(a+)+",
          " ", "  ", "\t", "\n", "\r", "a", "ERROR", "4", "5??", "status", "x=1", "IS", "NULL",
          "\u0000", "\u001f", "\u00e9", "\u00a0", "\uD800", "\uDC00", "\uD83D\uDE00", "^", "+",
          "{1,2}", "{,3}", "{1001}", "\\x3A", "\\x", "\\d", "\\b", "'", ":", "/", "@", "#", ";",
          "_", "[[[[", "]]]]", "%%", "\"\"", "1e3", "-1", "true");

  private static final List<String> PREFIXES =
      List.of("", "[", "%", "{", "{ $.a = ", "?", "-", "\"", " ", "[a, ", "[..., s=");

  private static Gen<String> tokenSoup(int maxTokens) {
    return lists()
        .of(Generate.pick(TOKENS))
        .ofSizeBetween(0, maxTokens)
        .map(l -> String.join("", l));
  }

  private static Gen<String> hostilePatterns() {
    Gen<String> structured =
        Generate.pick(PREFIXES).zip(tokenSoup(30), Generate.pick(PREFIXES), (a, b, c) -> a + b + c);
    Gen<String> anything = strings().allPossible().ofLengthBetween(0, 40);
    Gen<String> huge =
        integers().between(1000, 1100).zip(Generate.pick(PREFIXES), (n, p) -> p + "a".repeat(n));
    return structured.mix(anything, 30).mix(huge, 5);
  }

  @Test
  void compile_anyTextCompilesOrThrowsFilterPatternException() {
    qt().withExamples(3000)
        .forAll(hostilePatterns())
        .checkAssert(
            text -> {
              for (PatternOptions options : options()) {
                try {
                  FilterPattern p = FilterPattern.compile(text, options);
                  assertThat(p.text()).isEqualTo(text);
                  p.matches(text);
                  p.match(text);
                } catch (FilterPatternException e) {
                  assertThat(e.awsMessage()).isNotBlank();
                  assertThat(e.column()).isBetween(1, text.length() + 1);
                  assertThat(e.render()).startsWith(e.getMessage());
                }
              }
            });
  }

  private static Gen<String> validPatterns() {
    Gen<String> delimited =
        lists()
            .of(
                Generate.pick(
                    List.of(
                        "", "...", "N", "N=1", "N=x*", "N=*y", "N>5", "N<=2.5e1", "N!=\"q r\"",
                        "N=%^[0-9]+$%", "N=1 || N=2", "N!=a && N!=b", "N=\"*\"", "N=-1")))
            .ofSizeBetween(0, 6)
            .map(FilterPatternPropertiesTest::delimitedPattern);
    Gen<String> fixed =
        Generate.pick(
            List.of(
                "ERROR",
                "?ERROR ?WARN",
                "ERROR -WARN ?x",
                "\"a b\" -\"c\"",
                "%a.b%",
                "%^\\d+$%",
                "%[^a]|b{2,}%",
                "",
                "\" \"",
                "[]",
                "{ $.a = 1 }",
                "{ $.a = %x% || $.b[0] NOT EXISTS }",
                "{ $.* = * }",
                PatternErrors.statusPattern('4')));
    return delimited.mix(fixed, 30);
  }

  /** Builds a space-delimited pattern from slot templates: at most one '...', two regexes. */
  private static String delimitedPattern(List<String> slots) {
    List<String> out = new ArrayList<>();
    boolean ellipsis = false;
    int regexes = 0;
    for (int i = 0; i < slots.size(); i++) {
      String s = slots.get(i);
      if (s.equals("...")) {
        if (ellipsis) {
          continue;
        }
        ellipsis = true;
      }
      if (s.contains("%") && ++regexes > PatternErrors.MAX_REGEXES) {
        continue;
      }
      out.add(s.replace("N", "f" + i));
    }
    return "[" + String.join(", ", out) + "]";
  }

  private static Gen<String> events() {
    Gen<String> fieldy =
        lists()
            .of(
                Generate.pick(
                    List.of(
                        " ", " ", "  ", "\t", "\"", "[", "]", "1", "2", "x", "y", "q r", "5",
                        "\u00e9", "\n", "{", "}", ":", "a", "b", "-1", "2.5e1", "\uD800", "xy")))
            .ofSizeBetween(0, 25)
            .map(l -> String.join("", l));
    Gen<String> json =
        Generate.pick(
            List.of(
                "{\"a\": 1}", "{\"a\": \"x\", \"b\": [null]}", "{\"a\":", "{}", "{\"a\":1}}",
                "[1, 2]", "{\"b\": [{\"c\": 1}]}"));
    return fieldy.mix(strings().allPossible().ofLengthBetween(0, 50), 30).mix(json, 15);
  }

  @Test
  void match_neverThrowsAndAgreesWithMatches() {
    qt().withExamples(4000)
        .forAll(validPatterns(), events(), Generate.pick(options()))
        .checkAssert(
            (text, event, options) -> {
              FilterPattern p = FilterPattern.compile(text, options);
              boolean matches = p.matches(event);
              PatternMatch match = p.match(event);
              assertThat(match != null).as("%s on %s", text, event).isEqualTo(matches);
              if (match != null) {
                assertThat(match.extractedValues().keySet()).allMatch(k -> k.startsWith("$"));
              }
            });
  }

  @Test
  void match_emptyDelimitedPatternExtractsTheReferenceFields() {
    FilterPattern all = FilterPattern.compile("[]");
    qt().withExamples(2000)
        .forAll(events())
        .checkAssert(
            event -> {
              List<String> expected = referenceFields(event);
              assertThat(new ArrayList<>(all.match(event).extractedValues().values()))
                  .as(event)
                  .isEqualTo(expected);
            });
  }

  /** The splitting rule of {@link FieldSplitter}, written out plainly. */
  private static List<String> referenceFields(String event) {
    List<String> fields = new ArrayList<>();
    int i = 0;
    while (true) {
      while (i < event.length() && (event.charAt(i) == ' ' || event.charAt(i) == '\t')) {
        i++;
      }
      if (i >= event.length()) {
        return fields;
      }
      char c = event.charAt(i);
      int close = c == '"' || c == '[' ? event.indexOf(c == '"' ? '"' : ']', i + 1) : -1;
      if (close >= 0) {
        fields.add(event.substring(i + 1, close));
        i = close + 1;
        continue;
      }
      int j = i;
      while (j < event.length() && event.charAt(j) != ' ' && event.charAt(j) != '\t') {
        j++;
      }
      fields.add(event.substring(i, j));
      i = j;
    }
  }

  /** A term for the reference check: kind 0 plain, 1 exclude, 2 optional. */
  private record RefTerm(int kind, String text) {
    String render() {
      String body = text.contains(" ") || text.isEmpty() || text.length() % 2 == 0
          ? "\"" + text + "\""
          : text;
      return (kind == 1 ? "-" : kind == 2 ? "?" : "") + body;
    }
  }

  /** The reference algorithm of spec 1.1, verbatim. */
  private static boolean reference(List<RefTerm> terms, String msg) {
    List<String> plain = new ArrayList<>();
    List<String> excl = new ArrayList<>();
    List<String> opt = new ArrayList<>();
    for (RefTerm t : terms) {
      (t.kind() == 0 ? plain : t.kind() == 1 ? excl : opt).add(t.text());
    }
    if (!plain.isEmpty() || !excl.isEmpty()) {
      return plain.stream().allMatch(msg::contains) && excl.stream().noneMatch(msg::contains);
    }
    if (!opt.isEmpty()) {
      return opt.stream().anyMatch(msg::contains);
    }
    return true;
  }

  /** Spec 1.0 overrides the algorithm for one case: the pattern {@code " "} matches everything. */
  private static boolean expected(List<RefTerm> terms, String msg) {
    if (terms.size() == 1 && terms.get(0).kind() == 0 && terms.get(0).text().isBlank()) {
      return true;
    }
    return reference(terms, msg);
  }

  @Test
  void matches_termPatternsFollowTheReferenceAlgorithm() {
    Gen<String> words = strings().betweenCodePoints('a', 'b').ofLengthBetween(1, 3);
    Gen<String> phrases =
        lists().of(Generate.pick(List.of("a", "b", " "))).ofSizeBetween(0, 4)
            .map(l -> String.join("", l));
    Gen<RefTerm> term =
        integers().between(0, 2).zip(words.mix(phrases, 30), RefTerm::new);
    Gen<String> messages =
        lists().of(Generate.pick(List.of("a", "b", " ", "ab", "ba"))).ofSizeBetween(0, 8)
            .map(l -> String.join("", l));
    qt().withExamples(5000)
        .forAll(lists().of(term).ofSizeBetween(1, 5), messages)
        .checkAssert(
            (terms, msg) -> {
              List<String> rendered = new ArrayList<>();
              terms.forEach(t -> rendered.add(t.render()));
              String text = String.join(" ", rendered);
              FilterPattern p = FilterPattern.compile(text);
              assertThat(p.matches(msg)).as("%s on '%s'", text, msg).isEqualTo(expected(terms, msg));
              assertThat(p.match(msg) != null).isEqualTo(p.matches(msg));
            });
  }

  private static List<PatternOptions> options() {
    return List.of(
        PatternOptions.defaults(),
        new PatternOptions(PatternOptions.DelimitedFieldCount.LAST_ABSORBS_REST));
  }
}
