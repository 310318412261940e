package io.mcpwatch.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class EscapeTest {
  @Test
  void html_escapesMarkupAndQuotes() {
    assertThat(Escape.html("<script>alert('x')</script> & \"q\""))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    assertThat(Escape.html("plain arn:aws:sns:us-east-1:1:t"))
        .isEqualTo("plain arn:aws:sns:us-east-1:1:t");
  }

  @Test
  void html_replacesControlCharacters() {
    assertThat(Escape.html("a\u0000b\u001bc\td\n")).isEqualTo("a\uFFFDb\uFFFDc\td\n");
  }

  @Test
  void html_outputNeverHoldsMarkupCharacters() {
    qt().withExamples(500)
        .forAll(SourceDSL.strings().allPossible().ofLengthBetween(0, 60))
        .check(
            s -> {
              String e = Escape.html(s);
              return e.indexOf('<') < 0
                  && e.indexOf('>') < 0
                  && e.indexOf('"') < 0
                  && e.indexOf('\'') < 0
                  && e.replace("&amp;", "")
                          .replace("&lt;", "")
                          .replace("&gt;", "")
                          .replace("&quot;", "")
                          .replace("&#39;", "")
                          .indexOf('&')
                      < 0;
            });
  }

  @Test
  void quoted_isPrintableAndBounded() {
    assertThat(Escape.quoted("ab\u00e9\ncd", 10)).isEqualTo("\"ab??cd\"");
    assertThat(Escape.quoted("abcdef", 3)).isEqualTo("\"abc...\"");
  }
}
