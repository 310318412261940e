package io.mcpwatch.lint;

import io.mcpwatch.config.AlarmInstance;
import io.mcpwatch.config.McpwatchConfig;
import io.mcpwatch.config.Resolution;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.config.Topic;
import java.util.HashSet;
import java.util.Set;

/** Topics nobody is subscribed to, topics nothing notifies, alarms that notify nobody. */
final class TopicRules {
  private TopicRules() {}

  static final String NO_SUBSCRIBERS = "topic-without-subscribers";
  static final String UNUSED = "topic-unused";
  static final String NO_ACTIONS = "alarm-notifies-nobody";

  static void check(McpwatchConfig config, Resolution resolution, Findings out) {
    Set<String> used = new HashSet<>();
    boolean complete = true;
    for (AlarmInstance i : resolution.instances()) {
      ResolvedAlarm r = i.resolved();
      if (r == null) {
        complete &= !i.enabled();
        continue;
      }
      used.addAll(r.spec().alarmActions());
      used.addAll(r.spec().okActions());
      used.addAll(r.spec().insufficientDataActions());
      if (!r.spec().actionsEnabled()) {
        out.at(
            i.settings().actionsEnabled(),
            i,
            Severity.INFO,
            NO_ACTIONS,
            "actionsEnabled is false: state changes are recorded but notify nobody",
            null);
      } else if (r.spec().alarmActions().isEmpty()
          && r.spec().okActions().isEmpty()
          && r.spec().insufficientDataActions().isEmpty()) {
        out.at(
            i.settings().alarmActions(),
            i,
            Severity.INFO,
            NO_ACTIONS,
            "the alarm has no actions: state changes notify nobody",
            "alarmActions: [\"{topic}\"] notifies the environment's topic");
      }
    }
    for (Topic t : config.topics()) {
      if (t.subscribers().isEmpty()) {
        out.add(
            Severity.WARNING,
            NO_SUBSCRIBERS,
            t.path(),
            t.line(),
            t.column(),
            "topic " + t.name() + " has no subscribers: alarms routed to it notify nobody",
            "add subscribers: [ { email: owners@example.com } ]");
      } else if (complete && !resolution.alarms().isEmpty() && !used.contains(t.name())) {
        out.add(
            Severity.INFO,
            UNUSED,
            t.path(),
            t.line(),
            t.column(),
            "no alarm notifies topic " + t.name(),
            null);
      }
    }
  }
}
