package io.mcpwatch.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The shipped Grafana dashboard and Prometheus rules (under {@code docs/}), read for tests. */
final class MonitoringFiles {
  static final Path DOCS = Path.of("..", "docs");
  static final Path RULES = DOCS.resolve("prometheus/mcpwatch-rules.yml");
  static final Path RULE_TESTS = DOCS.resolve("prometheus/mcpwatch-rules.test.yml");
  static final Path DASHBOARD = DOCS.resolve("grafana/mcpwatch-dashboard.json");
  private static final Pattern METRIC = Pattern.compile("\\bmcpwatch_[a-z0-9_]+");

  private MonitoringFiles() {}

  static JsonNode rules() throws IOException {
    return YAMLMapper.builder().build().readTree(Files.readString(RULES));
  }

  static JsonNode dashboard() throws IOException {
    return JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
  }

  /** Every PromQL expression of the dashboard: panel targets and template variable queries. */
  static List<String> dashboardQueries() throws IOException {
    List<String> out = new ArrayList<>();
    JsonNode d = dashboard();
    for (JsonNode p : d.get("panels")) {
      if (p.has("targets")) {
        p.get("targets").forEach(t -> out.add(t.get("expr").asString()));
      }
    }
    for (JsonNode v : d.get("templating").get("list")) {
      if (v.has("definition")) {
        out.add(v.get("definition").asString());
      }
    }
    return out;
  }

  /** Every alert expression of the rules file. */
  static List<String> ruleExpressions() throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode g : rules().get("groups")) {
      g.get("rules").forEach(r -> out.add(r.get("expr").asString()));
    }
    return out;
  }

  /** The mcpwatch metric names (as exposed: with _total, _bucket, ...) the two files use. */
  static Set<String> referencedMetricNames() throws IOException {
    Set<String> names = new TreeSet<>();
    List<String> all = new ArrayList<>(dashboardQueries());
    all.addAll(ruleExpressions());
    for (String q : all) {
      Matcher m = METRIC.matcher(q);
      while (m.find()) {
        names.add(m.group());
      }
    }
    return names;
  }
}
