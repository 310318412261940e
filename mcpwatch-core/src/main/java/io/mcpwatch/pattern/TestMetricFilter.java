package io.mcpwatch.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The core of AWS {@code TestMetricFilter}: which of the given messages a pattern matches, with
 * their extracted values, and (for a metric filter) what each match publishes. Used by the CLI and
 * the HTTP API alike.
 *
 * <p>Event numbers are 1-based positions in the input list, as in the aws-cli example (the API
 * reference's samples are 0-based; spec 6 #5). Only matching events are returned, in input order.
 */
public final class TestMetricFilter {
  private TestMetricFilter() {}

  /** AWS accepts 1 to 50 messages per call ({@code logEventMessages}). */
  public static final int MAX_MESSAGES = 50;

  /** Tests a pattern: the matches carry no metric value and no dimensions. */
  public static TestMetricFilterResult run(FilterPattern pattern, List<String> messages) {
    Objects.requireNonNull(pattern, "pattern");
    return run(pattern, null, messages);
  }

  /** Tests a metric filter: each match also says what it publishes. */
  public static TestMetricFilterResult run(MetricFilter filter, List<String> messages) {
    Objects.requireNonNull(filter, "filter");
    return run(filter.pattern(), filter, messages);
  }

  private static TestMetricFilterResult run(
      FilterPattern pattern, @Nullable MetricFilter filter, List<String> messages) {
    List<TestMetricFilterResult.MatchedEvent> matches = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      String message = Objects.requireNonNull(messages.get(i), "messages[" + i + "]");
      PatternMatch match = pattern.match(message);
      if (match == null) {
        continue;
      }
      Double value = null;
      Map<String, String> dimensions = Map.of();
      if (filter != null) {
        Observation o = filter.observe(match);
        if (o instanceof Observation.Published) {
          Observation.Published p = (Observation.Published) o;
          value = p.value();
          dimensions = new TreeMap<>(p.dimensions());
        }
      }
      matches.add(
          new TestMetricFilterResult.MatchedEvent(
              i + 1, message, match.extractedValues(), value, dimensions));
    }
    return new TestMetricFilterResult(matches);
  }

  /**
   * AWS's request checks for TestMetricFilter: 1 to {@value #MAX_MESSAGES} messages, each at least
   * one character long. The CLI may test more lines; the HTTP API calls this first.
   *
   * @throws IllegalArgumentException with AWS's validation message
   */
  public static void checkAwsLimits(List<String> messages) {
    if (messages.isEmpty() || messages.size() > MAX_MESSAGES) {
      throw new IllegalArgumentException(
          "1 validation error detected: Value at 'logEventMessages' failed to satisfy constraint:"
              + " Member must have length "
              + (messages.isEmpty()
                  ? "greater than or equal to 1"
                  : "less than or equal to " + MAX_MESSAGES));
    }
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).isEmpty()) {
        throw new IllegalArgumentException(
            "1 validation error detected: Value at 'logEventMessages."
                + (i + 1)
                + ".member' failed to satisfy constraint: Member must have length greater than or"
                + " equal to 1");
      }
    }
  }
}
