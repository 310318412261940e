package io.mcpwatch.bench.live;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The start of the benchmarks' generated configurations: apps a0..a{n-1} in env prod. */
final class BenchYaml {
  private BenchYaml() {}

  /**
   * Everything up to and including {@code alarms:}: the names, the prod environment (its topic,
   * then {@code envLines}), the apps, and one-minute Sum defaults (then {@code defaultLines}).
   */
  static String head(int apps, List<String> envLines, List<String> defaultLines) {
    List<String> lines = new ArrayList<>(List.of(
        "namespace: MCP/Bench",
        "region: eu-west-1",
        "logGroup: /ecs/{env}/{app}",
        "alarmName: \"{app}-{env}-{alarm}\"",
        "environments:",
        "  prod:",
        "    topic: bench-alarms-prod"));
    lines.addAll(envLines);
    lines.add("apps: [" + IntStream.range(0, apps).mapToObj(a -> "a" + a)
        .collect(Collectors.joining(", ")) + "]");
    lines.addAll(List.of(
        "defaults:",
        "  period: 60",
        "  evaluationPeriods: 1",
        "  statistic: Sum",
        "  comparison: GreaterThanOrEqualToThreshold",
        "  treatMissingData: notBreaching",
        "  metricValue: \"1\""));
    lines.addAll(defaultLines);
    lines.add("alarms:");
    lines.add("");
    return String.join("\n", lines);
  }
}
