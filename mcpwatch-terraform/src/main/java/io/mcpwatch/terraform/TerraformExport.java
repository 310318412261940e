package io.mcpwatch.terraform;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.config.McpwatchConfig;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.config.Subscriber;
import io.mcpwatch.config.Topic;
import io.mcpwatch.pattern.MetricTransformation;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code mcpwatch export terraform}: the configuration as Terraform in ADR-0003's layout.
 *
 * <pre>
 * DIR/main/shared/main.tf          one SNS topic per environment, subscriptions from variables
 * DIR/modules/mcp_server/variables.tf  appname, environment, sns_topic_arn
 * DIR/modules/mcp_server/alarms.tf     the metric filters and alarms of one MCP
 * DIR/envs/ENV/main.tf             a root per environment calling both (what Terragrunt passes)
 * </pre>
 *
 * <p>Metric identity: a CloudWatch metric filter cannot set a static dimension value (AWS answers
 * "The specified filter pattern does not support dimensions" for a term pattern and "dimension
 * value must be a valid selector" otherwise), so mcpwatch's {@code MCP = {app}} cannot be
 * exported. Each MCP's metrics get the app in the metric name instead ({@code
 * ${var.appname}-Errors}, one namespace as in the ADR); per-app namespaces were the alternative,
 * but mcpwatch has one namespace, so they would not import back. Alarm names are kept.
 */
public final class TerraformExport {
  private TerraformExport() {}

  /** What export writes, by path relative to the output directory. */
  public record Files(Map<String, String> files, List<String> notes) {
    public Files {
      files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
      notes = List.copyOf(notes);
    }

    /** Writes every file under {@code dir}, creating directories; returns the paths. */
    public List<Path> write(Path dir) throws IOException {
      List<Path> out = new ArrayList<>();
      for (Map.Entry<String, String> e : files.entrySet()) {
        Path p = dir.resolve(e.getKey());
        java.nio.file.Files.createDirectories(p.getParent());
        java.nio.file.Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        out.add(p);
      }
      return out;
    }
  }

  static final String APP = "${var.appname}";
  static final String ENV = "${var.environment}";

  /** The Terraform for {@code config} and its resolved {@code alarms}; {@code source} names it. */
  public static Files render(McpwatchConfig config, List<ResolvedAlarm> alarms, String source) {
    if (alarms.isEmpty()) {
      throw new IllegalArgumentException("no alarms to export");
    }
    List<String> notes = new ArrayList<>();
    Map<String, String> files = new LinkedHashMap<>();
    List<String> envs = new ArrayList<>();
    Map<String, Set<String>> appsByEnv = new LinkedHashMap<>();
    Map<String, List<ResolvedAlarm>> byKey = new LinkedHashMap<>();
    for (ResolvedAlarm a : alarms) {
      if (!envs.contains(a.env())) {
        envs.add(a.env());
      }
      appsByEnv.computeIfAbsent(a.env(), k -> new LinkedHashSet<>()).add(a.app());
      byKey.computeIfAbsent(a.alarm(), k -> new ArrayList<>()).add(a);
    }
    // the configuration's order of alarms (resolution is ordered by environment and app first)
    Map<String, List<ResolvedAlarm>> ordered = new LinkedHashMap<>();
    for (io.mcpwatch.config.AlarmDefinition d : config.alarms()) {
      List<ResolvedAlarm> l = byKey.remove(d.name());
      if (l != null) {
        ordered.put(d.name(), l);
      }
    }
    ordered.putAll(byKey);
    byKey = ordered;
    List<String> instances = new ArrayList<>();
    appsByEnv.forEach((env, apps) -> apps.forEach(app -> instances.add(env + "/" + app)));

    // mcpwatch-only options, listed where they are lost
    List<String> mcpwatchOnly = new ArrayList<>();
    mcpwatchOnly.add(
        "early firing (engine.earlyFiring: "
            + config.service().engine().earlyFiring()
            + "): CloudWatch evaluates only at period boundaries");
    mcpwatchOnly.add(
        "the last "
            + config.service().notifications().maxTriggerLines()
            + " log lines that triggered an alarm, quoted in mcpwatch's e-mails"
            + " (notifications.maxTriggerLines): SNS e-mails carry the alarm's JSON only");
    mcpwatchOnly.add(
        "engine.evaluationRangeExtra ("
            + config.service().engine().extraRangeDatapoints()
            + ") and engine.defaultValueMode ("
            + config.service().engine().defaultValueMode()
            + "): CloudWatch's own, undocumented behaviour applies");
    boolean staticDims = false;
    for (ResolvedAlarm a : alarms) {
      staticDims |= !a.spec().dimensions().isEmpty() && hasStatic(a);
    }
    if (staticDims) {
      mcpwatchOnly.add(
          "static dimensions (MCP = {app}): AWS cannot set them on a metric filter; the app is in"
              + " the metric name instead");
    }

    // ---- the per-MCP module
    HclWriter vars = new HclWriter();
    vars.comment("Generated by mcpwatch export terraform from " + source + ".");
    vars.block(
        new HclWriter.Block("variable", "appname")
            .attr("description", HclWriter.str("Name of the MCP server, e.g. sharepoint"))
            .attr("type", "string"));
    vars.block(
        new HclWriter.Block("variable", "environment")
            .attr("description", HclWriter.str("The environment, e.g. dev or prod"))
            .attr("type", "string"));
    vars.block(
        new HclWriter.Block("variable", "sns_topic_arn")
            .attr(
                "description",
                HclWriter.str("The environment's alarm topic (output alarm_topic_arn of shared)"))
            .attr("type", "string"));
    files.put("modules/mcp_server/variables.tf", vars.text());

    HclWriter m = new HclWriter();
    m.comment(
        "Generated by mcpwatch export terraform from "
            + source
            + ": the metric filters and alarms of one MCP\n"
            + "server (ADR-0003), for var.appname in var.environment.\n"
            + "\n"
            + "Metric identity: CloudWatch cannot set a static dimension value on a metric filter,\n"
            + "so each MCP's metrics carry the app in the metric name (\""
            + APP
            + "-Errors\") in one\n"
            + "namespace, instead of mcpwatch's dimension MCP = {app}. The alarm names are mcpwatch's.\n"
            + "\n"
            + "Not expressible in AWS (mcpwatch-only, left out here):");
    for (String s : mcpwatchOnly) {
      m.comment("- " + s);
    }
    HclWriter.Block locals = new HclWriter.Block("locals");
    locals.attr("instance", "\"" + ENV + "/" + APP + "\"");
    List<HclWriter.Block> resources = new ArrayList<>();
    Set<String> otherTopics = new LinkedHashSet<>();
    for (Map.Entry<String, List<ResolvedAlarm>> e : byKey.entrySet()) {
      String key = e.getKey();
      List<ResolvedAlarm> list = e.getValue();
      String id = key.replaceAll("[^A-Za-z0-9_]", "_");
      if (!Character.isLetter(id.charAt(0)) && id.charAt(0) != '_') {
        id = "a_" + id;
      }
      Values v = new Values(id, list, instances, locals);
      boolean someDisabled = list.size() < instances.size();
      HclWriter.Block f = new HclWriter.Block("resource", "aws_cloudwatch_log_metric_filter", id);
      HclWriter.Block al = new HclWriter.Block("resource", "aws_cloudwatch_metric_alarm", id);
      if (someDisabled) {
        Set<String> present = new LinkedHashSet<>();
        list.forEach(a -> present.add(a.env() + "/" + a.app()));
        List<String> off = new ArrayList<>();
        for (String inst : instances) {
          if (!present.contains(inst)) {
            off.add(HclWriter.str(inst));
          }
        }
        locals.attr(id + "_disabled", HclWriter.list(off));
        String count = "contains(local." + id + "_disabled, local.instance) ? 0 : 1";
        f.attr("count", count);
        al.attr("count", count);
      }
      f.attr("name", v.string("filter_name", a -> a.spec().alarmName()));
      f.attr("log_group_name", v.string("log_group", ResolvedAlarm::logGroup));
      f.attr("pattern", v.string("pattern", a -> a.filter().pattern().text()));
      HclWriter.Block mt = new HclWriter.Block("metric_transformation");
      mt.attr("name", v.string("metric", TerraformExport::metricName));
      mt.attr("namespace", v.string("namespace", a -> a.filter().transformation().metricNamespace()));
      mt.attr("value", v.string("value", a -> a.filter().transformation().metricValue()));
      if (list.get(0).filter().transformation().defaultValue() != null) {
        mt.attr(
            "default_value",
            v.number("default_value", a -> number(a.filter().transformation().defaultValue())));
      }
      Map<String, String> fieldDims = list.get(0).filter().transformation().dimensions();
      if (!fieldDims.isEmpty()) {
        List<String> parts = new ArrayList<>();
        fieldDims.forEach((k, x) -> parts.add(hclKey(k) + " = " + HclWriter.str(x)));
        mt.attr("dimensions", "{ " + String.join(", ", parts) + " }");
      }
      if (list.get(0).filter().transformation().unit() != null) {
        mt.attr("unit", v.string("unit", a -> a.filter().transformation().unit()));
      }
      f.block(mt);
      resources.add(f);

      String ref = "aws_cloudwatch_log_metric_filter." + id + (someDisabled ? "[0]" : "");
      al.attr("alarm_name", v.string("alarm_name", a -> a.spec().alarmName()));
      if (list.get(0).spec().description() != null) {
        al.attr("alarm_description", v.string("description", a -> a.spec().description()));
      }
      al.attr("namespace", ref + ".metric_transformation[0].namespace");
      al.attr("metric_name", ref + ".metric_transformation[0].name");
      // the alarm's dimensions: the value it watches for each field dimension (alarmDimensions)
      List<String> watched = new ArrayList<>();
      List<String> unwatched = new ArrayList<>();
      for (String k : fieldDims.keySet()) {
        boolean everywhere = list.stream().allMatch(x -> x.spec().dimensions().containsKey(k));
        boolean somewhere = list.stream().anyMatch(x -> x.spec().dimensions().containsKey(k));
        if (everywhere) {
          watched.add(
              hclKey(k)
                  + " = "
                  + v.string("dim_" + k.replaceAll("[^A-Za-z0-9_]", "_"),
                      x -> x.spec().dimensions().get(k)));
        } else {
          unwatched.add(k);
          if (somewhere) {
            notes.add(
                "alarm "
                    + key
                    + ": only some apps or environments name a value for dimension "
                    + k
                    + " (alarmDimensions): it is left out of the alarm's dimensions everywhere");
          }
        }
      }
      if (!watched.isEmpty()) {
        al.attr("dimensions", "{ " + String.join(", ", watched) + " }");
      }
      if (!unwatched.isEmpty()) {
        notes.add(
            "alarm "
                + key
                + ": its filter's dimension "
                + String.join(", ", unwatched)
                + " takes its value from each event and the alarm names no value for it, so it"
                + " watches a metric no event produces and never fires, in CloudWatch as in"
                + " mcpwatch (alarmDimensions names the value)");
      }
      al.attr("statistic", v.string("statistic", a -> a.spec().statistic().name()));
      al.attr("period", v.number("period", a -> BigDecimal.valueOf(a.spec().periodSeconds())));
      al.attr(
          "evaluation_periods",
          v.number("evaluation_periods", a -> BigDecimal.valueOf(a.spec().evaluationPeriods())));
      if (list.get(0).spec().datapointsToAlarm() != null) {
        al.attr(
            "datapoints_to_alarm",
            v.number(
                "datapoints_to_alarm",
                a -> BigDecimal.valueOf(Objects.requireNonNull(a.spec().datapointsToAlarm()))));
      }
      al.attr("threshold", v.number("threshold", a -> number(a.spec().threshold())));
      al.attr("comparison_operator", v.string("comparison", a -> a.spec().comparison().name()));
      al.attr(
          "treat_missing_data",
          v.string(
              "treat_missing_data",
              a -> a.spec().treatMissingData() == null ? "missing" : a.spec().treatMissingData().name()));
      if (!list.get(0).spec().actionsEnabled()) {
        al.attr("actions_enabled", "false");
      }
      actions(al, "alarm_actions", list, AlarmSpec::alarmActions, config, otherTopics, v);
      actions(al, "ok_actions", list, AlarmSpec::okActions, config, otherTopics, v);
      actions(
          al,
          "insufficient_data_actions",
          list,
          AlarmSpec::insufficientDataActions,
          config,
          otherTopics,
          v);
      resources.add(al);
    }
    if (!otherTopics.isEmpty()) {
      notes.add(
          "topics other than the environment's ("
              + String.join(", ", otherTopics)
              + ") are not exported: add their ARNs to the alarms by hand");
      m.comment(
          "- actions to topics other than the environment's: "
              + String.join(", ", otherTopics)
              + " (add their ARNs by hand)");
    }
    m.blank();
    m.block(locals);
    resources.forEach(m::block);
    files.put("modules/mcp_server/alarms.tf", m.text());

    // ---- shared: one topic per environment
    Map<String, String> envTopic = new LinkedHashMap<>();
    for (String env : envs) {
      envTopic.put(env, topicOf(config, env));
    }
    String topicName = commonTemplate(envTopic);
    Set<Subscriber.Protocol> protocols = new LinkedHashSet<>();
    List<String> chat = new ArrayList<>();
    for (String env : envs) {
      Topic t = config.topic(envTopic.get(env));
      if (t == null) {
        continue;
      }
      for (Subscriber s : t.subscribers()) {
        if (s.protocol() == Subscriber.Protocol.SLACK || s.protocol() == Subscriber.Protocol.TEAMS) {
          chat.add(env + ": " + s.protocol().key() + " " + s.redactedEndpoint());
        } else {
          protocols.add(s.protocol());
        }
      }
    }
    protocols.add(Subscriber.Protocol.EMAIL);
    HclWriter sh = new HclWriter();
    sh.comment(
        "Generated by mcpwatch export terraform from "
            + source
            + ": one SNS topic per environment (ADR-0003),\n"
            + "its subscribers from variables set per environment.");
    if (!chat.isEmpty()) {
      sh.comment("");
      sh.comment("Not expressible in SNS (mcpwatch-only chat subscribers, left out here):");
      chat.forEach(c -> sh.comment("- " + c));
    }
    sh.comment(
        "\nWebhook (http/https) subscribers get SNS's messages signed with AWS's key, not mcpwatch's.");
    sh.block(new HclWriter.Block("variable", "environment").attr("type", "string"));
    if (topicName == null) {
      sh.block(
          new HclWriter.Block("variable", "topic_name")
              .attr("description", HclWriter.str("The environment's alarm topic"))
              .attr("type", "string"));
    }
    for (Subscriber.Protocol p : protocols) {
      sh.block(
          new HclWriter.Block("variable", subscribersVar(p))
              .attr("description", HclWriter.str("Who the alarms notify (" + p.key() + ")"))
              .attr("type", "list(string)")
              .attr("default", "[]"));
    }
    sh.block(
        new HclWriter.Block("resource", "aws_sns_topic", "alarms")
            .attr("name", topicName == null ? "var.topic_name" : "\"" + topicName + "\""));
    for (Subscriber.Protocol p : protocols) {
      String var = subscribersVar(p);
      String id = var.replace("alarm_", "").replace("_subscribers", "");
      sh.block(
          new HclWriter.Block("resource", "aws_sns_topic_subscription", "alarm_" + id)
              .attr("count", "length(var." + var + ")")
              .attr("topic_arn", "aws_sns_topic.alarms.arn")
              .attr("protocol", HclWriter.str(p.key()))
              .attr("endpoint", "var." + var + "[count.index]"));
    }
    sh.block(new HclWriter.Block("output", "alarm_topic_arn").attr("value", "aws_sns_topic.alarms.arn"));
    files.put("main/shared/main.tf", sh.text());

    // ---- a root per environment
    for (String env : envs) {
      HclWriter r = new HclWriter();
      r.comment(
          "The "
              + env
              + " environment: its topic and every MCP server. With Terragrunt, main/shared gets\n"
              + "environment and the subscriber lists from the environment's _envs/*.hcl, and each\n"
              + "MCP's terragrunt.hcl passes appname, environment and sns_topic_arn (from the shared\n"
              + "dependency) to modules/mcp_server.");
      HclWriter.Block shared =
          new HclWriter.Block("module", "shared")
              .attr("source", HclWriter.str("../../main/shared"))
              .attr("environment", HclWriter.str(env));
      if (topicName == null) {
        shared.attr("topic_name", HclWriter.str(envTopic.get(env)));
      }
      Topic t = config.topic(envTopic.get(env));
      for (Subscriber.Protocol p : protocols) {
        List<String> endpoints = new ArrayList<>();
        if (t != null) {
          for (Subscriber s : t.subscribers()) {
            if (s.protocol() == p) {
              endpoints.add(HclWriter.str(s.endpoint()));
            }
          }
        }
        shared.attr(subscribersVar(p), HclWriter.list(endpoints));
      }
      r.block(shared);
      List<String> apps = new ArrayList<>();
      appsByEnv.get(env).forEach(a -> apps.add(HclWriter.str(a)));
      r.block(
          new HclWriter.Block("module", "mcp_server")
              .attr("source", HclWriter.str("../../modules/mcp_server"))
              .attr("for_each", "toset(" + HclWriter.list(apps) + ")")
              .attr("appname", "each.key")
              .attr("environment", HclWriter.str(env))
              .attr("sns_topic_arn", "module.shared.alarm_topic_arn"));
      files.put("envs/" + env + "/main.tf", r.text());
    }
    notes.addAll(mcpwatchOnly);
    chat.forEach(c -> notes.add("chat subscriber not exported: " + c));
    return new Files(files, notes);
  }

  /** Whether the alarm watches a dimension its filter does not extract (mcpwatch adds it). */
  private static boolean hasStatic(ResolvedAlarm a) {
    for (String k : a.spec().dimensions().keySet()) {
      if (!a.filter().transformation().dimensions().containsKey(k)) {
        return true;
      }
    }
    return false;
  }

  /** A map key as HCL writes it: bare when it is an identifier, else quoted. */
  private static String hclKey(String k) {
    return k.matches("[A-Za-z_][A-Za-z0-9_-]*") ? k : HclWriter.str(k);
  }

  /** The metric name AWS can express: the app in the name when mcpwatch used a static dimension. */
  static String metricName(ResolvedAlarm a) {
    String name = a.filter().transformation().metricName();
    if (hasStatic(a) && !name.contains(a.app())) {
      return a.app() + "-" + name;
    }
    return name;
  }

  private static String topicOf(McpwatchConfig config, String env) {
    for (io.mcpwatch.config.Environment e : config.environments()) {
      if (e.name().equals(env) && e.topic() != null) {
        return e.topic().value();
      }
    }
    return "alarms-" + env;
  }

  /** {@code prefix${var.environment}suffix} when every env's topic is prefix+env+suffix. */
  private static @Nullable String commonTemplate(Map<String, String> envTopic) {
    String template = null;
    for (Map.Entry<String, String> e : envTopic.entrySet()) {
      int at = e.getValue().indexOf(e.getKey());
      if (at < 0) {
        return null;
      }
      String t =
          Values.escape(e.getValue().substring(0, at))
              + ENV
              + Values.escape(e.getValue().substring(at + e.getKey().length()));
      if (template != null && !template.equals(t)) {
        return null;
      }
      template = t;
    }
    return template;
  }

  private static String subscribersVar(Subscriber.Protocol p) {
    return "alarm_" + p.key().replace('-', '_') + "_subscribers";
  }

  private static void actions(
      HclWriter.Block al,
      String attr,
      List<ResolvedAlarm> list,
      Function<AlarmSpec, List<String>> get,
      McpwatchConfig config,
      Set<String> otherTopics,
      Values v) {
    // an action list is the same for every instance when it names the env's topic only
    List<String> first = null;
    boolean same = true;
    for (ResolvedAlarm a : list) {
      List<String> refs = new ArrayList<>();
      for (String arn : get.apply(a.spec())) {
        String name = TopicArns.topicName(arn);
        String topic = name == null ? arn : name;
        if (topic.equals(topicOf(config, a.env()))) {
          refs.add("var.sns_topic_arn");
        } else {
          otherTopics.add(topic);
        }
      }
      if (first == null) {
        first = refs;
      } else if (!first.equals(refs)) {
        same = false;
      }
    }
    if (first == null || (same && first.isEmpty())) {
      return;
    }
    if (!same) {
      List<String> on = new ArrayList<>();
      for (ResolvedAlarm a : list) {
        boolean any = false;
        for (String arn : get.apply(a.spec())) {
          String name = TopicArns.topicName(arn);
          any |= (name == null ? arn : name).equals(topicOf(config, a.env()));
        }
        if (any) {
          on.add(HclWriter.str(a.env() + "/" + a.app()));
        }
      }
      String local = v.id + "_" + attr;
      v.locals.attr(local, HclWriter.list(on));
      al.attr(attr, "contains(local." + local + ", local.instance) ? [var.sns_topic_arn] : []");
      return;
    }
    al.attr(attr, HclWriter.list(first));
  }

  private static BigDecimal number(@Nullable Double d) {
    return d == null ? BigDecimal.ZERO : BigDecimal.valueOf(d).stripTrailingZeros();
  }

  /**
   * One field's values over the instances: a template with {@code ${var.appname}} and {@code
   * ${var.environment}} when one fits them all, else a {@code lookup} in a local map keyed {@code
   * "env/app"} with the most common value as default.
   */
  private static final class Values {
    final String id;
    final List<ResolvedAlarm> list;
    final HclWriter.Block locals;

    Values(String id, List<ResolvedAlarm> list, List<String> instances, HclWriter.Block locals) {
      this.id = id;
      this.list = list;
      this.locals = locals;
    }

    String string(String field, Function<ResolvedAlarm, @Nullable String> get) {
      ResolvedAlarm a0 = list.get(0);
      String v0 = Objects.requireNonNull(get.apply(a0));
      String template = escape(v0);
      template = replace(template, a0.app(), APP);
      template = replace(template, a0.env(), ENV);
      boolean fits = true;
      for (ResolvedAlarm a : list) {
        String filled = template.replace(APP, escape(a.app())).replace(ENV, escape(a.env()));
        if (!filled.equals(escape(Objects.requireNonNull(get.apply(a))))) {
          fits = false;
          break;
        }
      }
      if (fits) {
        return "\"" + template + "\"";
      }
      boolean allSame = true;
      for (ResolvedAlarm a : list) {
        allSame &= v0.equals(get.apply(a));
      }
      if (allSame) {
        return HclWriter.str(v0);
      }
      Map<String, Integer> counts = new LinkedHashMap<>();
      list.forEach(a -> counts.merge(Objects.requireNonNull(get.apply(a)), 1, Integer::sum));
      String common = counts.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
      List<String> entries = new ArrayList<>();
      for (ResolvedAlarm a : list) {
        String x = Objects.requireNonNull(get.apply(a));
        if (!x.equals(common)) {
          entries.add(HclWriter.str(a.env() + "/" + a.app()) + " = " + HclWriter.str(x));
        }
      }
      String local = id + "_" + field;
      locals.attr(local, "{ " + String.join(", ", entries) + " }");
      return "lookup(local." + local + ", local.instance, " + HclWriter.str(common) + ")";
    }

    String number(String field, Function<ResolvedAlarm, BigDecimal> get) {
      BigDecimal v0 = get.apply(list.get(0));
      Map<String, Integer> counts = new LinkedHashMap<>();
      list.forEach(a -> counts.merge(get.apply(a).toPlainString(), 1, Integer::sum));
      if (counts.size() == 1) {
        return v0.toPlainString();
      }
      String common = counts.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
      List<String> entries = new ArrayList<>();
      for (ResolvedAlarm a : list) {
        String x = get.apply(a).toPlainString();
        if (!x.equals(common)) {
          entries.add(HclWriter.str(a.env() + "/" + a.app()) + " = " + x);
        }
      }
      String local = id + "_" + field;
      locals.attr(local, "{ " + String.join(", ", entries) + " }");
      return "lookup(local." + local + ", local.instance, " + common + ")";
    }

    /** The inside of an HCL string literal. */
    static String escape(String s) {
      String q = HclWriter.str(s);
      return q.substring(1, q.length() - 1);
    }

    private static String replace(String s, String what, String with) {
      return what.length() < 2 ? s : s.replace(escape(what), with);
    }
  }
}
