package io.mcpwatch.notify;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The human-readable e-mail body, in CloudWatch's layout (spec 4.3) with two mcpwatch changes: the
 * log events that triggered the alarm come right after the opening sentence (what a responder needs
 * first), and the links point at mcpwatch. "Amazon CloudWatch Alarm" reads "mcpwatch alarm".
 *
 * <p>Every value that comes from configuration or logs is rendered on one line ({@link
 * Text#oneLine}): CR, LF and other control characters are shown escaped, so a log line cannot fake
 * body lines (for example a second "Alarm Details" block or a different unsubscribe link). Log
 * lines are cut at {@value #MAX_LINE} characters.
 */
final class AlarmEmailText {
  static final int MAX_LINE = 500;
  private static final int MAX_FIELD = 2000;

  private AlarmEmailText() {}

  static String of(AlarmNotice n, NotifySettings settings, @Nullable String unsubscribeUrl) {
    AlarmSpec spec = n.spec();
    String name = field(spec.alarmName());
    String reason = field(n.reason());
    String when = Formats.human(n.stateChangeTime());
    StringBuilder b = new StringBuilder(2048);
    b.append("You are receiving this email because your mcpwatch alarm \"").append(name)
        .append("\" in the ").append(settings.regionLongName()).append(" region has entered the ")
        .append(n.newState().name()).append(" state, because \"").append(reason)
        .append("\" at \"").append(when).append("\".\n\n");
    appendTriggeringLines(b, n, settings.maxTriggerLines());
    b.append("View this alarm in mcpwatch:\n").append(settings.links().alarm(spec.alarmName()))
        .append("\n\n");
    b.append("Alarm Details:\n");
    row(b, "- Name:", name, 30);
    row(b, "- Description:", spec.description() == null ? "" : field(spec.description()), 30);
    row(b, "- State Change:", n.oldState().name() + " -> " + n.newState().name(), 30);
    row(b, "- Reason for State Change:", reason, 30);
    row(b, "- Timestamp:", when, 30);
    row(b, "- AWS Account:", settings.accountId(), 30);
    row(b, "- Alarm Arn:", field(settings.alarmArn(spec.alarmName())), 30);
    b.append('\n');
    b.append("Threshold:\n").append("- The alarm is in the ALARM state when the metric is ")
        .append(spec.comparison().name()).append(' ').append(spec.threshold()).append(' ');
    // today's wording, also for one period (older e-mails said "for 300 seconds.")
    b.append("for at least ").append(spec.m()).append(" of the last ")
        .append(spec.evaluationPeriods()).append(" period(s) of ").append(spec.periodSeconds())
        .append(" seconds.\n\n");
    b.append("Monitored Metric:\n");
    row(b, "- MetricNamespace:", field(spec.namespace()), 39);
    row(b, "- MetricName:", field(spec.metricName()), 39);
    row(b, "- Dimensions:", dimensions(spec.dimensions()), 39);
    row(b, "- Period:", spec.periodSeconds() + " seconds", 39);
    row(b, "- Statistic:", spec.statistic().name(), 39);
    row(b, "- Unit:", spec.unit() == null ? "not specified" : field(spec.unit()), 39);
    row(b, "- TreatMissingData:", spec.effectiveTreatMissingData().name(), 39);
    b.append("\n\n");
    b.append("State Change Actions:\n");
    actionsRow(b, AlarmState.OK, spec.okActions(), settings);
    actionsRow(b, AlarmState.ALARM, spec.alarmActions(), settings);
    actionsRow(b, AlarmState.INSUFFICIENT_DATA, spec.insufficientDataActions(), settings);
    b.append("\n\n");
    appendFooter(b, unsubscribeUrl);
    return b.toString();
  }

  /** The SNS-style footer: {@code --}, the unsubscribe link, the do-not-reply line. */
  static void appendFooter(StringBuilder b, @Nullable String unsubscribeUrl) {
    b.append("--\n");
    if (unsubscribeUrl != null) {
      b.append("If you wish to stop receiving notifications from this topic, please click or")
          .append(" visit the link below to unsubscribe:\n")
          .append(unsubscribeUrl).append("\n\n");
    }
    b.append("Please do not reply directly to this email.\n");
  }

  private static void appendTriggeringLines(StringBuilder b, AlarmNotice n, int max) {
    if (n.triggeringLines().isEmpty() || max == 0) {
      return;
    }
    List<TriggerLine> lines = new ArrayList<>(n.triggeringLines());
    lines.sort(Comparator.comparing(TriggerLine::time));
    if (lines.size() > max) {
      lines = lines.subList(lines.size() - max, lines.size());
    }
    b.append("Log events that triggered it (the latest ").append(lines.size()).append(" of ")
        .append(n.matchedLineCount()).append(" matching, oldest first");
    if (n.logGroup() != null) {
      b.append("; log group ").append(field(n.logGroup()));
    }
    if (n.filterPattern() != null) {
      b.append("; filter pattern ").append(field(n.filterPattern()));
    }
    b.append("):\n");
    for (TriggerLine l : lines) {
      b.append("- ").append(Formats.log(l.time())).append("  ")
          .append(Text.oneLine(l.message(), MAX_LINE)).append('\n');
    }
    b.append('\n');
  }

  private static void row(StringBuilder b, String label, String value, int width) {
    b.append(label);
    for (int i = label.length(); i < width; i++) {
      b.append(' ');
    }
    b.append(value).append('\n');
  }

  private static String field(String s) {
    return Text.oneLine(s, MAX_FIELD);
  }

  private static String dimensions(Map<String, String> dims) {
    return new TreeMap<>(dims).entrySet().stream()
        .map(e -> "[" + field(e.getKey()) + " = " + field(e.getValue()) + "]")
        .collect(Collectors.joining(" "));
  }

  /** {@code - OK: [arn, ...]}, or {@code - OK:} with nothing after the colon, as AWS writes it. */
  private static void actionsRow(
      StringBuilder b, AlarmState state, List<String> actions, NotifySettings settings) {
    b.append("- ").append(state.name()).append(':');
    if (!actions.isEmpty()) {
      b.append(' ').append(actions(actions, settings));
    }
    b.append('\n');
  }

  private static String actions(List<String> actions, NotifySettings settings) {
    return actions.stream().map(a -> field(settings.actionArn(a)))
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
