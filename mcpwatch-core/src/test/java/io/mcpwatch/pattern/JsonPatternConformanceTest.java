package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays {@code conformance/json-patterns.tsv} (format: that folder's README.md): every JSON
 * example of the spec, each row compiled and matched on its own.
 */
class JsonPatternConformanceTest {

  private static final String FILE = "/conformance/json-patterns.tsv";

  /** One row of the table, with its line number for the test name. */
  record Row(int line, String pattern, String event, String expected, String extracted) {
    @Override
    public String toString() {
      return "line " + line + ": " + pattern + " | " + expected;
    }
  }

  static Stream<Row> rows() {
    return read().stream();
  }

  @Test
  void table_coversEveryKindOfExpectation() {
    List<Row> rows = read();
    assertThat(rows).hasSizeGreaterThan(100);
    assertThat(rows).anyMatch(r -> r.expected().equals("match"));
    assertThat(rows).anyMatch(r -> r.expected().equals("nomatch"));
    assertThat(rows).anyMatch(r -> r.expected().startsWith("invalid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void row_behavesAsDocumented(Row row) {
    if (row.expected().startsWith("invalid")) {
      int colon = row.expected().indexOf(':');
      var thrown =
          assertThatThrownBy(() -> JsonPattern.parse(row.pattern(), PatternOptions.defaults()))
              .isInstanceOf(FilterPatternException.class);
      if (colon > 0) {
        String aws = row.expected().substring(colon + 1);
        thrown.extracting(e -> ((FilterPatternException) e).awsMessage()).isEqualTo(aws);
      }
      thrown
          .extracting(e -> ((FilterPatternException) e).column())
          .satisfies(c -> assertThat((Integer) c).isPositive());
      return;
    }
    JsonPattern pattern = JsonPattern.parse(row.pattern(), PatternOptions.defaults());
    boolean expectMatch = row.expected().equals("match");
    assertThat(pattern.matches(row.event())).as("matches").isEqualTo(expectMatch);
    PatternMatch match = pattern.match(row.event());
    assertThat(match != null).as("match() agrees with matches()").isEqualTo(expectMatch);
    if (match == null || row.extracted().equals("-")) {
      return;
    }
    boolean complete = row.extracted().startsWith("=");
    Map<String, String> expected = pairs(complete ? row.extracted().substring(1) : row.extracted());
    for (Map.Entry<String, String> e : expected.entrySet()) {
      if (e.getKey().startsWith("$.")) {
        assertThat(match.field(e.getKey())).as(e.getKey()).contains(e.getValue());
      } else {
        assertThat(match.extractedValues()).containsEntry(e.getKey(), e.getValue());
      }
    }
    if (complete) {
      assertThat(match.extractedValues()).containsExactlyEntriesOf(expected);
    }
  }

  private static Map<String, String> pairs(String list) {
    Map<String, String> out = new LinkedHashMap<>();
    if (list.isEmpty()) {
      return out;
    }
    for (String pair : list.split("; ", -1)) {
      int eq = pair.indexOf('=', pair.startsWith("$.") ? pair.lastIndexOf(']') + 1 : 0);
      out.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return out;
  }

  private static List<Row> read() {
    InputStream in = JsonPatternConformanceTest.class.getResourceAsStream(FILE);
    assertThat(in).as(FILE).isNotNull();
    List<Row> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header = r.readLine();
      assertThat(header).isEqualTo("pattern\tlog_event\texpected\textracted\tsource");
      int line = 1;
      String s;
      while ((s = r.readLine()) != null) {
        line++;
        if (s.isBlank() || s.startsWith("#")) {
          continue;
        }
        String[] f = s.split("\t", -1);
        assertThat(f).as("columns on line %d", line).hasSize(5);
        rows.add(new Row(line, unescape(f[0]), unescape(f[1]), f[2], unescape(f[3])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** {@code \t \n \r} and {@code \\} before t, n, r or \; any other backslash is literal. */
  static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char n = i + 1 < s.length() ? s.charAt(i + 1) : 0;
      if (c == '\\' && (n == 't' || n == 'n' || n == 'r' || n == '\\')) {
        sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : '\\');
        i++;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
