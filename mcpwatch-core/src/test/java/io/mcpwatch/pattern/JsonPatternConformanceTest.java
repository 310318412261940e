package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays {@code conformance/json-patterns.tsv} (format: that folder's README.md) directly against
 * {@link JsonPattern}, checking also that every extracted {@code $.path} is in {@code
 * extractedValues()} exactly when the pattern selects that path. ({@code
 * FilterPatternConformanceTest} replays the same rows through {@link FilterPattern#compile}.)
 */
class JsonPatternConformanceTest {

  private static final String TABLE = "conformance/json-patterns.tsv";

  static Stream<Arguments> rows() {
    return ConformanceTable.read(TABLE).stream().map(r -> Arguments.argumentSet(r.name(), r));
  }

  @Test
  void table_holdsEveryJsonExampleOfTheSpec() {
    List<ConformanceTable.Row> rows = ConformanceTable.read(TABLE);
    assertThat(rows).hasSizeGreaterThan(100);
    assertThat(rows)
        .extracting(ConformanceTable.Row::expected)
        .contains(
            ConformanceTable.Expected.MATCH,
            ConformanceTable.Expected.NOMATCH,
            ConformanceTable.Expected.INVALID);
    assertThat(rows)
        .extracting(ConformanceTable.Row::pattern)
        .contains(
            "{ ($.user.id = 1) && ($.users[0].email = \"John.Doe@example.com\") }",
            "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }",
            "{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }",
            "{ $.latency = * }");
  }

  @ParameterizedTest
  @MethodSource("rows")
  void row_behavesAsDocumented(ConformanceTable.Row row) {
    if (row.expected() == ConformanceTable.Expected.INVALID) {
      assertThatThrownBy(() -> JsonPattern.parse(row.pattern(), row.options()))
          .isInstanceOfSatisfying(
              FilterPatternException.class,
              e -> {
                if (row.awsMessage() != null) {
                  assertThat(e.awsMessage()).isEqualTo(row.awsMessage());
                }
                assertThat(e.column()).isBetween(1, row.pattern().length() + 1);
                assertThat(e.detail()).isNotBlank();
              });
      return;
    }
    JsonPattern pattern = JsonPattern.parse(row.pattern(), row.options());
    boolean expectMatch = row.expected() == ConformanceTable.Expected.MATCH;
    assertThat(pattern.matches(row.event())).as("matches()").isEqualTo(expectMatch);
    PatternMatch match = pattern.match(row.event());
    assertThat(match != null).as("match() agrees with matches()").isEqualTo(expectMatch);
    if (match == null) {
      return;
    }
    for (Map.Entry<String, String> e : row.extracted().entrySet()) {
      assertThat(match.field(e.getKey())).as(e.getKey()).contains(e.getValue());
      JsonSelector ref = JsonSelector.parseReference(e.getKey());
      assertThat(ref).as(e.getKey()).isNotNull();
      boolean selected = pattern.selectorIndex(ref) >= 0;
      assertThat(match.extractedValues().containsKey(e.getKey()))
          .as("%s in extractedValues", e.getKey())
          .isEqualTo(selected && pattern.canReference(e.getKey()));
    }
    if (row.completeExtraction()) {
      assertThat(match.extractedValues()).containsExactlyEntriesOf(row.extracted());
    }
  }
}
