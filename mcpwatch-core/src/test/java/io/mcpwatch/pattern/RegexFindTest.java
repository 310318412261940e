package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexFindTest {

  private static RegexFind find(String body) {
    return RegexSyntax.find(body, "%" + body + "%", 1);
  }

  @ParameterizedTest(name = "{0}: literal {1}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "AUTHORIZED => true",
        "HTTP/1\\.1\\x22 4 => true",
        "^ERROR:|^CRITICAL: => true",
        "timeout$ => true",
        "^exactly$ => true",
        "a\\-b => true",
        "{x => true",
        "^a|b$|c => true",
        "10.10 => false",
        "a+ => false",
        "a{2} => false",
        "[ab] => false",
        "\\d => false",
        "a^b => false",
        "a$b => false",
        "^^a => false",
        "a$$ => false",
      })
  void find_literalOnlyWhenEveryAlternativeIsAnchoredText(String body, boolean literal) {
    assertThat(find(body).isLiteral()).isEqualTo(literal);
  }

  @ParameterizedTest(name = "{0} in {1}: {2}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "HTTP/1\\.1\\x22 4 => 'INFO: 10.0.0.1 - \"GET / HTTP/1.1\" 404 Not Found' => true",
        "HTTP/1\\.1\\x22 4 => 'INFO: 10.0.0.1 - \"GET / HTTP/1.1\" 200 OK' => false",
        "^ERROR:|^CRITICAL: => CRITICAL:app:boom => true",
        "^ERROR:|^CRITICAL: => INFO: ERROR: later => false",
        "timeout$ => read timeout => true",
        "^$ => '' => true",
        "^$ => ' ' => false",
      })
  void find_shortCutsAnswerAsTheRegex(String body, String text, boolean expected) {
    RegexFind f = find(body);
    assertThat(f.find(text)).isEqualTo(expected);
    assertThat(f.regex().matcher(text).find()).isEqualTo(expected);
  }

  @Test
  void find_anchorsSpanTheWholeTextAndDollarIsOnlyTheVeryEnd() {
    RegexFind f = find("timeout$");
    assertThat(f.isLiteral()).isTrue();
    assertThat(f.find("timeout\n")).isFalse();
    assertThat(f.regex().matcher("timeout\n").find()).isFalse();
    RegexFind g = find("^line2");
    assertThat(g.find("line1\nline2")).isFalse();
    assertThat(g.regex().matcher("line1\nline2").find()).isFalse();
  }

  /**
   * Bodies built from literal characters, escapes, anchors, alternation, classes, dots and
   * quantifiers over a small alphabet, against texts over the same alphabet: the fast paths (plain
   * string comparisons, the required-literal check) always give re2j's answer.
   */
  @Test
  void find_randomBodiesAndTexts_agreesWithRe2j() {
    String[] atoms = {"a", "b", "-", " ", "\\.", "\\x22", ".", "[ab]", "\\d", "1", "^", "$", "|",
        "+", "?", "*", "{2}", ":"};
    String alphabet = "ab- .\"1:\n";
    qt().withExamples(4000)
        .forAll(
            lists().of(integers().between(0, atoms.length - 1)).ofSizeBetween(1, 7),
            lists().of(integers().between(0, alphabet.length() - 1)).ofSizeBetween(0, 12))
        .checkAssert(
            (bodyIdx, textIdx) -> {
              StringBuilder body = new StringBuilder();
              for (int k : bodyIdx) {
                body.append(atoms[k]);
              }
              StringBuilder text = new StringBuilder();
              for (int k : textIdx) {
                text.append(alphabet.charAt(k));
              }
              RegexFind f;
              try {
                f = find(body.toString());
              } catch (FilterPatternException rejected) {
                return; // an invalid body (e.g. a quantifier with nothing to repeat)
              }
              String t = text.toString();
              assertThat(f.find(t))
                  .as("%s in %s", body, t)
                  .isEqualTo(f.regex().matcher(t).find());
              List<String> required = f.required();
              if (required != null && f.regex().matcher(t).find()) {
                assertThat(required).anyMatch(t::contains);
              }
            });
  }
}
