package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every row of the conformance tables ({@code conformance/filter-patterns.tsv} and, when
 * present, {@code conformance/json-patterns.tsv}; format in {@code conformance/README.md}).
 */
class FilterPatternConformanceTest {

  private static final List<String> TABLES =
      List.of("conformance/filter-patterns.tsv", "conformance/json-patterns.tsv");

  static Stream<Arguments> rows() {
    List<Arguments> all = new ArrayList<>();
    for (String table : TABLES) {
      for (ConformanceTable.Row row : ConformanceTable.read(table)) {
        all.add(Arguments.argumentSet(row.name(), row));
      }
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("rows")
  void compile_behavesAsTheSourceSays(ConformanceTable.Row row) {
    if (row.expected() == ConformanceTable.Expected.INVALID) {
      assertThatThrownBy(() -> FilterPattern.compile(row.pattern(), row.options()))
          .isInstanceOfSatisfying(
              FilterPatternException.class,
              e -> {
                if (row.awsMessage() != null) {
                  assertThat(e.awsMessage()).isEqualTo(row.awsMessage());
                }
                assertThat(e.column()).isBetween(1, Math.max(1, row.pattern().length() + 1));
              });
      return;
    }
    FilterPattern pattern = FilterPattern.compile(row.pattern(), row.options());
    boolean expectMatch = row.expected() == ConformanceTable.Expected.MATCH;
    assertThat(pattern.matches(row.event())).as("matches()").isEqualTo(expectMatch);
    PatternMatch match = pattern.match(row.event());
    assertThat(match != null).as("match() agrees with matches()").isEqualTo(expectMatch);
    if (match == null) {
      return;
    }
    PatternKind kind = pattern.kind();
    if (kind == PatternKind.TERMS || kind == PatternKind.REGEX || kind == PatternKind.MATCH_ALL) {
      assertThat(match.extractedValues()).as("term and regex patterns extract nothing").isEmpty();
    }
    for (Map.Entry<String, String> e : row.extracted().entrySet()) {
      if (e.getKey().startsWith("$.")) {
        assertThat(match.field(e.getKey())).as(e.getKey()).contains(e.getValue());
      } else {
        assertThat(match.extractedValues()).containsEntry(e.getKey(), e.getValue());
        assertThat(match.field(e.getKey())).as(e.getKey()).contains(e.getValue());
      }
    }
    if (row.completeExtraction()) {
      assertThat(match.extractedValues()).containsExactlyEntriesOf(row.extracted());
    }
  }

  @Test
  void table_holdsTheSpecExamples() {
    List<ConformanceTable.Row> rows = ConformanceTable.read(TABLES.get(0));
    assertThat(rows).hasSizeGreaterThan(200);
    assertThat(rows)
        .extracting(ConformanceTable.Row::expected)
        .contains(
            ConformanceTable.Expected.MATCH,
            ConformanceTable.Expected.NOMATCH,
            ConformanceTable.Expected.INVALID);
    assertThat(rows)
        .as("disputed rows (spec 6 #1) appear under both options")
        .anySatisfy(
            r ->
                assertThat(r.options().delimitedFieldCount())
                    .isEqualTo(PatternOptions.DelimitedFieldCount.LAST_ABSORBS_REST));
  }

  @Test
  void unescape_handlesTheTableEscapes() {
    assertThat(ConformanceTable.unescape("a\\tb\\nc\\rd")).isEqualTo("a\tb\nc\rd");
    assertThat(ConformanceTable.unescape("%10\\.10%")).isEqualTo("%10\\.10%");
    assertThat(ConformanceTable.unescape("x\\\\ty")).isEqualTo("x\\ty");
  }
}
