package io.mcpwatch.cli;

import io.mcpwatch.pattern.FilterPattern;
import io.mcpwatch.pattern.FilterPatternException;
import io.mcpwatch.pattern.MetricFilter;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.pattern.PatternOptions;
import io.mcpwatch.source.read.InputFormat;
import io.mcpwatch.source.read.ReadOptions;
import io.mcpwatch.pattern.TestMetricFilter;
import io.mcpwatch.pattern.TestMetricFilterResult;
import io.mcpwatch.pattern.TestMetricFilterResult.MatchedEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mcpwatch test-pattern}: the CLI twin of AWS TestMetricFilter. One call into {@link
 * TestMetricFilter}; this class only reads input and prints.
 */
@Command(
    name = "test-pattern",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Tests a CloudWatch Logs filter pattern against log events, like AWS TestMetricFilter.",
      "Each line of FILE (or of stdin) is one event; --events INPUT reads any input backtest reads",
      "(JSON Lines, aws logs JSON, S3 exports, Insights CSV, Docker logs; see backtest --help).",
      "Exit status: 0 valid pattern (whatever matched), 2 invalid pattern or transformation,"
          + " 1 unreadable input."
    })
final class TestPatternCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PATTERN", description = "The filter pattern (quote it for the shell).")
  String pattern;

  @Parameters(index = "1..*", paramLabel = "FILE", description = "Files with one event per line (default: stdin).")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--events",
      paramLabel = "INPUT",
      description = "Read events as backtest does from INPUT (a file, or - for stdin); messages may contain newlines.")
  @Nullable String eventsFile;

  @Option(names = "--input-format", paramLabel = "FORMAT", description = "With --events: auto (default), jsonl, cloudwatch, s3-export, insights-csv, insights-json, docker or text.")
  String inputFormat = "auto";

  @Option(names = "--strip-ansi", description = "With --events: remove ANSI colour codes before matching.")
  boolean stripAnsi;

  @Option(names = "--metric-value", paramLabel = "V", description = "Metric value: a number or $.path / $name / $N.")
  @Nullable String metricValue;

  @Option(names = "--default-value", paramLabel = "D", description = "Value published for an event that does not match.")
  @Nullable Double defaultValue;

  @Option(names = "--dimension", paramLabel = "NAME=FIELD", description = "A dimension from a field, e.g. status=$status (repeatable, at most 3).")
  Map<String, String> dimensions = new LinkedHashMap<>();

  @Option(names = "--unit", paramLabel = "UNIT", description = "CloudWatch unit of the metric (e.g. Count, Bytes).")
  @Nullable String unit;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json (the TestMetricFilter response).")
  OutputFormat format = OutputFormat.text;

  @Option(
      names = "--delimited-field-count",
      paramLabel = "MODE",
      description = "Space-delimited patterns without '...': EXACT (default) or LAST_ABSORBS_REST.")
  PatternOptions.DelimitedFieldCount delimitedFieldCount = PatternOptions.DelimitedFieldCount.EXACT;

  enum OutputFormat {
    text,
    json
  }

  @Override
  public Integer call() {
    PatternOptions options = new PatternOptions(delimitedFieldCount);
    boolean transform = metricValue != null || defaultValue != null || !dimensions.isEmpty() || unit != null;
    FilterPattern compiled;
    MetricFilter filter = null;
    try {
      if (transform) {
        filter =
            MetricFilter.compile(
                pattern,
                new MetricTransformation(
                    "TestMetric",
                    "mcpwatch/test",
                    metricValue != null ? metricValue : "1",
                    defaultValue,
                    dimensions,
                    unit),
                options);
        compiled = filter.pattern();
      } else {
        compiled = FilterPattern.compile(pattern, options);
      }
    } catch (FilterPatternException e) {
      throw new UserError(2, e.render());
    }
    if (eventsFile != null && !files.isEmpty()) {
      throw new UserError(2, "--events cannot be combined with FILE arguments");
    }
    List<String> messages;
    if (eventsFile != null) {
      ReadOptions read;
      try {
        read = ReadOptions.defaults().withFormat(InputFormat.fromCliName(inputFormat)).withStripAnsi(stripAnsi);
      } catch (IllegalArgumentException e) {
        throw new UserError(2, "--input-format " + e.getMessage());
      }
      messages = EventInput.readEvents(eventsFile, read);
    } else {
      messages = EventInput.readLines(files);
    }
    TestMetricFilterResult result =
        filter != null ? TestMetricFilter.run(filter, messages) : TestMetricFilter.run(compiled, messages);
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      out.println(toJson(result, transform));
    } else {
      printText(out, result, messages.size(), transform);
    }
    out.flush();
    return 0;
  }

  private static String toJson(TestMetricFilterResult result, boolean transform) {
    ObjectMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode matches = root.putArray("matches");
    for (MatchedEvent m : result.matches()) {
      ObjectNode o = matches.addObject();
      o.put("eventNumber", m.eventNumber());
      o.put("eventMessage", m.eventMessage());
      ObjectNode ev = o.putObject("extractedValues");
      m.extractedValues().forEach(ev::put);
      if (transform) {
        if (m.metricValue() != null) {
          o.put("metricValue", m.metricValue());
        } else {
          o.putNull("metricValue");
        }
        ObjectNode dims = o.putObject("dimensions");
        m.dimensions().forEach(dims::put);
      }
    }
    return mapper.writeValueAsString(root);
  }

  private static void printText(
      PrintWriter out, TestMetricFilterResult result, int total, boolean transform) {
    for (MatchedEvent m : result.matches()) {
      out.println("event " + m.eventNumber() + ": " + Text.oneLine(m.eventMessage()));
      if (!m.extractedValues().isEmpty()) {
        StringBuilder sb = new StringBuilder("  extracted:");
        m.extractedValues().forEach((k, v) -> sb.append(' ').append(k).append('=').append(Text.quoteIfNeeded(v)));
        out.println(sb);
      }
      if (transform) {
        StringBuilder sb = new StringBuilder("  publishes: ");
        sb.append(m.metricValue() != null ? Double.toString(m.metricValue()) : "nothing (value is not a number)");
        if (!m.dimensions().isEmpty()) {
          sb.append(" with dimensions ");
          m.dimensions().forEach((k, v) -> sb.append(k).append('=').append(Text.quoteIfNeeded(v)).append(' '));
        }
        out.println(sb.toString().stripTrailing());
      }
    }
    out.println(result.matches().size() + " of " + total + " events matched");
  }
}
