package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestMetricFilterTest {

  static final List<String> APACHE =
      List.of(
          "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 1534",
          "127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] \"GET /apache_pb.gif HTTP/1.0\" 500 5324",
          "127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 4355");

  @Test
  void run_returnsOneBasedEventNumbersOfMatchesOnlyInInputOrder() {
    TestMetricFilterResult r =
        TestMetricFilter.run(
            FilterPattern.compile("\"[ERROR]\" Exception"),
            List.of(
                "[ERROR] Terminating the application",
                "[ERROR] Unhanded exception: InvalidQueryException",
                "INFO ok",
                "[ERROR] Caught IllegalArgumentException"));
    assertThat(r.matches())
        .extracting(TestMetricFilterResult.MatchedEvent::eventNumber)
        .containsExactly(2, 4);
    TestMetricFilterResult.MatchedEvent first = r.matches().get(0);
    assertThat(first.eventMessage()).isEqualTo("[ERROR] Unhanded exception: InvalidQueryException");
    assertThat(first.extractedValues()).isEmpty();
    assertThat(first.metricValue()).isNull();
    assertThat(first.dimensions()).isEmpty();
  }

  @Test
  void run_extractedValuesAsTheApiDocShowsThem() {
    TestMetricFilterResult r = TestMetricFilter.run(FilterPattern.compile("[..., size]"), APACHE);
    assertThat(r.matches()).hasSize(3);
    assertThat(r.matches().get(0).extractedValues())
        .containsExactly(
            entry("$1", "127.0.0.1"),
            entry("$2", "-"),
            entry("$3", "frank"),
            entry("$4", "10/Oct/2000:13:25:15 -0700"),
            entry("$5", "GET /apache_pb.gif HTTP/1.0"),
            entry("$6", "200"),
            entry("$size", "1534"));
    assertThat(r.matches())
        .extracting(m -> m.extractedValues().get("$size"))
        .containsExactly("1534", "5324", "4355");
  }

  @Test
  void run_metricFilterAddsValueAndDimensions() {
    MetricFilter f =
        MetricFilter.compile(
            "[ip, user, username, timestamp, request, status_code, size]",
            new MetricTransformation(
                "Bytes", "Web", "$size", null, Map.of("Status", "$status_code", "Ip", "$ip"), null),
            PatternOptions.defaults());
    TestMetricFilterResult r = TestMetricFilter.run(f, APACHE);
    assertThat(r.matches()).extracting(m -> m.metricValue()).containsExactly(1534.0, 5324.0, 4355.0);
    assertThat(r.matches().get(1).dimensions())
        .containsExactly(entry("Ip", "127.0.0.1"), entry("Status", "500"));
  }

  @Test
  void run_metricValueIsNullWhenNothingIsPublished() {
    MetricFilter f =
        MetricFilter.compile(
            "[a, b]",
            new MetricTransformation("m", "NS", "$b", 0.0, Map.of(), null),
            PatternOptions.defaults());
    TestMetricFilterResult r = TestMetricFilter.run(f, List.of("x 5", "x y", "one"));
    assertThat(r.matches()).extracting(m -> m.eventNumber()).containsExactly(1, 2);
    assertThat(r.matches()).extracting(m -> m.metricValue()).containsExactly(5.0, null);
  }

  @Test
  void run_copiesItsInputs() {
    TestMetricFilterResult r =
        TestMetricFilter.run(FilterPattern.compile("a"), List.of("a", "b", "a"));
    assertThat(r.matches()).extracting(m -> m.eventNumber()).containsExactly(1, 3);
    assertThatThrownBy(() -> r.matches().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void checkAwsLimits_oneToFiftyNonEmptyMessages() {
    TestMetricFilter.checkAwsLimits(Collections.nCopies(50, "x"));
    assertThatThrownBy(() -> TestMetricFilter.checkAwsLimits(Collections.nCopies(51, "x")))
        .hasMessageContaining("less than or equal to 50");
    assertThatThrownBy(() -> TestMetricFilter.checkAwsLimits(List.of()))
        .hasMessageContaining("greater than or equal to 1");
    assertThatThrownBy(() -> TestMetricFilter.checkAwsLimits(List.of("a", "")))
        .hasMessageContaining("logEventMessages.2.member");
  }

  @Test
  void matchedEvent_rejectsEventNumberZero() {
    assertThatThrownBy(
            () -> new TestMetricFilterResult.MatchedEvent(0, "x", Map.of(), null, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
