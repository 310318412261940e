package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Patterns ending with {@code ...} share the thread's split of the last event: whatever order they
 * test events in, each answers as it does alone (as its extracting path, which never shares).
 */
class LeadingFieldsTest {
  private static final List<FilterPattern> PATTERNS =
      List.of(
          "[level=\"ERROR:*\" || level=\"CRITICAL:*\", ...]",
          "[level, client, dash, request=*HTTP*, status=4*, ...]",
          "[level, client, dash, request=*HTTP*, status=5*, ...]",
          "[a, b=x*, ...]",
          "[a, b, c, d, e, f, g, h, i, j=*1*, ...]",
          "[a, ..., z=1]",
          "[a=2, b]")
          .stream()
          .map(FilterPattern::compile)
          .toList();

  private static Gen<String> events() {
    Gen<String> access =
        Generate.pick(
            List.of(
                "INFO:     10.0.0.1:5 - \"POST /mcp HTTP/1.1\" 200 OK",
                "INFO:     10.0.0.1:5 - \"POST /mcp HTTP/1.1\" 404 Not Found",
                "INFO:     10.0.0.1:5 - \"GET / HTTP/1.1\" 503 Unavailable",
                "ERROR:root:boom",
                "CRITICAL: x 1 2 3 4 5 6 7 8 9 10 11",
                "x 2 3"));
    Gen<String> fieldy =
        lists()
            .of(Generate.pick(List.of(" ", "\t", "\"", "[", "]", "1", "2", "x", "4", "5", "HTTP")))
            .ofSizeBetween(0, 30)
            .map(l -> String.join("", l));
    return access.mix(fieldy, 60);
  }

  @Test
  void matches_sharedSplitAnswersAsEachPatternAlone() {
    qt().withExamples(2000)
        .forAll(
            lists().of(events()).ofSizeBetween(1, 6),
            lists().of(integers().between(0, PATTERNS.size() - 1)).ofSizeBetween(1, 20))
        .checkAssert(
            (events, order) -> {
              for (int round = 0; round < 2; round++) {
                for (String event : events) {
                  for (int k : order) {
                    FilterPattern p = PATTERNS.get(k);
                    assertThat(p.matches(event))
                        .as("%s on %s", p, event)
                        .isEqualTo(p.match(event) != null);
                  }
                }
              }
            });
  }

  @Test
  void matches_adrPatternsOnOneAccessLine() {
    String line = "INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 422 Unprocessable Entity";
    assertThat(PATTERNS.get(0).matches(line)).isFalse();
    assertThat(PATTERNS.get(1).matches(line)).isTrue();
    assertThat(PATTERNS.get(2).matches(line)).isFalse();
    assertThat(PATTERNS.get(0).matches("ERROR:    Exception in ASGI application")).isTrue();
    assertThat(PATTERNS.get(1).matches(line)).isTrue();
  }
}
