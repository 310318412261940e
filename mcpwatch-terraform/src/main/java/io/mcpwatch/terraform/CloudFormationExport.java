package io.mcpwatch.terraform;

import io.mcpwatch.config.McpwatchConfig;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.config.Subscriber;
import io.mcpwatch.config.Topic;
import io.mcpwatch.terraform.YamlEmitter.Y;
import io.mcpwatch.terraform.YamlEmitter.YList;
import io.mcpwatch.terraform.YamlEmitter.YMap;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mcpwatch export cloudformation}: one stack per environment, {@code
 * cloudformation/ENV.yaml}, holding the environment's SNS topic, one subscription per subscriber
 * (each endpoint a parameter whose default is the configured one) and, for every MCP, its metric
 * filters and alarms.
 *
 * <p>One stack per environment rather than per MCP: the topic and the alarms that notify it live
 * in one template, so an alarm refers to the topic with {@code Ref} and no cross-stack export is
 * needed; adding an MCP is a stack update. Metric identity as in {@link TerraformExport}: the app
 * in the metric name. CloudFormation has no loop without the {@code AWS::LanguageExtensions}
 * transform, so subscriptions are written one by one.
 */
public final class CloudFormationExport {
  private CloudFormationExport() {}

  /** The templates, by path relative to the output directory. */
  public static TerraformExport.Files render(
      McpwatchConfig config, List<ResolvedAlarm> alarms, String source) {
    Map<String, List<ResolvedAlarm>> byEnv = new LinkedHashMap<>();
    for (ResolvedAlarm a : alarms) {
      byEnv.computeIfAbsent(a.env(), k -> new ArrayList<>()).add(a);
    }
    Map<String, String> files = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, List<ResolvedAlarm>> e : byEnv.entrySet()) {
      files.put("cloudformation/" + e.getKey() + ".yaml", stack(config, e.getKey(), e.getValue(), source, notes));
    }
    return new TerraformExport.Files(files, new ArrayList<>(new LinkedHashSet<>(notes)));
  }

  private static String stack(
      McpwatchConfig config, String env, List<ResolvedAlarm> alarms, String source, List<String> notes) {
    String topicName = topicOf(config, env);
    YMap root = new YMap();
    root.put("AWSTemplateFormatVersion", YamlEmitter.s("2010-09-09"));
    root.put(
        "Description",
        YamlEmitter.s("mcpwatch alarms for environment " + env + " (exported from " + source + ")"));
    YMap params = new YMap();
    YMap resources = new YMap();
    YMap topicProps = new YMap().put("TopicName", YamlEmitter.s(topicName));
    resources.put("AlarmTopic", new YMap().put("Type", YamlEmitter.s("AWS::SNS::Topic")).put("Properties", topicProps));
    Topic topic = config.topic(topicName);
    int n = 0;
    if (topic != null) {
      for (Subscriber s : topic.subscribers()) {
        if (s.protocol() == Subscriber.Protocol.SLACK || s.protocol() == Subscriber.Protocol.TEAMS) {
          notes.add(env + ": chat subscriber (" + s.protocol().key() + ") not exported: SNS cannot post to it");
          continue;
        }
        n++;
        String param = "Subscriber" + n + "Endpoint";
        params.put(
            param,
            new YMap()
                .put("Type", YamlEmitter.s("String"))
                .put("Description", YamlEmitter.s("Subscriber " + n + " of " + topicName + " (" + s.protocol().key() + ")"))
                .put("Default", YamlEmitter.s(s.endpoint())));
        YMap props =
            new YMap()
                .put("TopicArn", ref("AlarmTopic"))
                .put("Protocol", YamlEmitter.s(s.protocol().key()))
                .put("Endpoint", ref(param));
        resources.put(
            "AlarmSubscription" + n,
            new YMap().put("Type", YamlEmitter.s("AWS::SNS::Subscription")).put("Properties", props));
      }
    }
    Set<String> ids = new LinkedHashSet<>();
    for (ResolvedAlarm a : alarms) {
      String id = logicalId(a.app() + "-" + a.alarm());
      while (!ids.add(id)) {
        id = id + "X";
      }
      YMap mt = new YMap();
      mt.put("MetricName", YamlEmitter.s(TerraformExport.metricName(a)));
      mt.put("MetricNamespace", YamlEmitter.s(a.filter().transformation().metricNamespace()));
      mt.put("MetricValue", YamlEmitter.s(a.filter().transformation().metricValue()));
      if (a.filter().transformation().defaultValue() != null) {
        mt.put("DefaultValue", YamlEmitter.s(BigDecimal.valueOf(a.filter().transformation().defaultValue())));
      }
      if (!a.filter().transformation().dimensions().isEmpty()) {
        List<Y> dims = new ArrayList<>();
        a.filter()
            .transformation()
            .dimensions()
            .forEach(
                (k, v) -> {
                  YMap d = new YMap().put("Key", YamlEmitter.s(k)).put("Value", YamlEmitter.s(v));
                  d.flow = true;
                  dims.add(d);
                });
        mt.put("Dimensions", new YList(dims));
      }
      if (a.filter().transformation().unit() != null) {
        mt.put("Unit", YamlEmitter.s(a.filter().transformation().unit()));
      }
      YMap filterProps =
          new YMap()
              .put("FilterName", YamlEmitter.s(a.spec().alarmName()))
              .put("LogGroupName", YamlEmitter.s(a.logGroup()))
              .put("FilterPattern", YamlEmitter.s(a.filter().pattern().text()))
              .put("MetricTransformations", new YList(List.of(mt)));
      resources.put(
          id + "Filter",
          new YMap().put("Type", YamlEmitter.s("AWS::Logs::MetricFilter")).put("Properties", filterProps));
      resources.comment(id + "Filter", a.app() + " / " + a.alarm());
      YMap p = new YMap();
      p.put("AlarmName", YamlEmitter.s(a.spec().alarmName()));
      if (a.spec().description() != null) {
        p.put("AlarmDescription", YamlEmitter.s(a.spec().description()));
      }
      p.put("Namespace", YamlEmitter.s(a.spec().namespace()));
      p.put("MetricName", YamlEmitter.s(TerraformExport.metricName(a)));
      // the value the alarm watches for each of the filter's field dimensions (alarmDimensions)
      List<Y> watched = new ArrayList<>();
      for (String k : a.filter().transformation().dimensions().keySet()) {
        String v = a.spec().dimensions().get(k);
        if (v != null) {
          YMap d = new YMap().put("Name", YamlEmitter.s(k)).put("Value", YamlEmitter.s(v));
          d.flow = true;
          watched.add(d);
        }
      }
      if (!watched.isEmpty()) {
        p.put("Dimensions", new YList(watched));
      }
      p.put("Statistic", YamlEmitter.s(a.spec().statistic().name()));
      p.put("Period", YamlEmitter.s(a.spec().periodSeconds()));
      p.put("EvaluationPeriods", YamlEmitter.s(a.spec().evaluationPeriods()));
      if (a.spec().datapointsToAlarm() != null) {
        p.put("DatapointsToAlarm", YamlEmitter.s(a.spec().datapointsToAlarm()));
      }
      p.put("Threshold", YamlEmitter.s(BigDecimal.valueOf(a.spec().threshold())));
      p.put("ComparisonOperator", YamlEmitter.s(a.spec().comparison().name()));
      p.put(
          "TreatMissingData",
          YamlEmitter.s(a.spec().treatMissingData() == null ? "missing" : a.spec().treatMissingData().name()));
      p.put("ActionsEnabled", YamlEmitter.s(a.spec().actionsEnabled()));
      putActions(p, "AlarmActions", a.spec().alarmActions(), topicName, env, notes);
      putActions(p, "OKActions", a.spec().okActions(), topicName, env, notes);
      putActions(p, "InsufficientDataActions", a.spec().insufficientDataActions(), topicName, env, notes);
      resources.put(
          id + "Alarm",
          new YMap()
              .put("Type", YamlEmitter.s("AWS::CloudWatch::Alarm"))
              .put("DependsOn", YamlEmitter.s(id + "Filter"))
              .put("Properties", p));
    }
    if (!params.entries.isEmpty()) {
      root.put("Parameters", params);
      root.comment("Parameters", "The subscribers: override a default at stack creation to change one.");
    }
    root.put("Resources", resources);
    root.put("Outputs", new YMap().put("AlarmTopicArn", new YMap().put("Value", ref("AlarmTopic"))));
    YamlEmitter y = new YamlEmitter();
    y.comment(
        "Generated by mcpwatch export cloudformation from "
            + source
            + ": one stack per environment (" + env + "):\n"
            + "its SNS topic, the subscribers (parameters), and every MCP's metric filters and alarms.\n"
            + "\n"
            + "Metric identity: CloudWatch cannot set a static dimension value on a metric filter, so\n"
            + "each MCP's metrics carry the app in the metric name instead of mcpwatch's MCP = {app}.\n"
            + "\n"
            + "Not expressible in AWS (mcpwatch-only, left out here):\n"
            + "- early firing (engine.earlyFiring: " + config.service().engine().earlyFiring() + ")\n"
            + "- the last " + config.service().notifications().maxTriggerLines()
            + " triggering log lines quoted in e-mails (notifications.maxTriggerLines)\n"
            + "- webhooks signed with mcpwatch's key (SNS signs with AWS's)\n"
            + "- chat subscribers (slack, teams)");
    y.blank();
    y.document(root);
    return y.text();
  }

  private static void putActions(
      YMap p, String key, List<String> arns, String envTopic, String env, List<String> notes) {
    List<Y> out = new ArrayList<>();
    for (String arn : arns) {
      String name = TopicArns.topicName(arn);
      if (envTopic.equals(name == null ? arn : name)) {
        out.add(ref("AlarmTopic"));
      } else {
        notes.add(env + ": actions to topic " + (name == null ? arn : name) + " are not exported: add its ARN by hand");
      }
    }
    if (!out.isEmpty()) {
      p.put(key, new YList(out));
    }
  }

  private static YMap ref(String name) {
    YMap m = new YMap().put("Ref", YamlEmitter.s(name));
    m.flow = true;
    return m;
  }

  private static String topicOf(McpwatchConfig config, String env) {
    for (io.mcpwatch.config.Environment e : config.environments()) {
      if (e.name().equals(env) && e.topic() != null) {
        return e.topic().value();
      }
    }
    return "alarms-" + env;
  }

  /** {@code sharepoint-http-4xx} to {@code SharepointHttp4xx} (CloudFormation: [A-Za-z0-9]). */
  static String logicalId(String s) {
    StringBuilder sb = new StringBuilder();
    boolean up = true;
    for (char c : s.toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 128) {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      } else {
        up = true;
      }
    }
    if (sb.length() == 0 || !Character.isLetter(sb.charAt(0))) {
      sb.insert(0, "A");
    }
    return sb.toString();
  }
}
