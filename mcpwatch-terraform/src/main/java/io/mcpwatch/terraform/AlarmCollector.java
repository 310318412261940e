package io.mcpwatch.terraform;

import io.mcpwatch.config.ConfigNode;
import io.mcpwatch.terraform.YamlEmitter.Y;
import io.mcpwatch.terraform.YamlEmitter.YList;
import io.mcpwatch.terraform.YamlEmitter.YMap;
import io.mcpwatch.terraform.YamlEmitter.YScalar;
import io.mcpwatch.terraform.hcl.Body;
import io.mcpwatch.terraform.hcl.Evaluator;
import io.mcpwatch.terraform.hcl.Expr;
import io.mcpwatch.terraform.hcl.HclException;
import io.mcpwatch.terraform.hcl.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Walks module instances, collects the instances of the four resource types, pairs each alarm with
 * the metric filter that publishes its metric, and writes mcpwatch's configuration: one alarm
 * definition per alarm resource (block and {@code for_each} key), the values that differ per app or
 * environment as overrides.
 */
final class AlarmCollector {
  private static final String FILTER = "aws_cloudwatch_log_metric_filter";
  private static final String ALARM = "aws_cloudwatch_metric_alarm";
  private static final String TOPIC = "aws_sns_topic";
  private static final String SUBSCRIPTION = "aws_sns_topic_subscription";
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Set<String> UNSUPPORTED_ALARM =
      Set.of(
          "extended_statistic",
          "metric_query",
          "threshold_metric_id",
          "evaluate_low_sample_count_percentiles");

  private final List<String> problems;
  private final List<Res> filters = new ArrayList<>();
  private final List<Res> alarms = new ArrayList<>();
  private final List<Res> topics = new ArrayList<>();
  private final List<Res> subscriptions = new ArrayList<>();
  private final Set<String> notes = new LinkedHashSet<>();
  private final Set<String> noted = new LinkedHashSet<>();

  private final Map<String, String> texts;

  AlarmCollector(List<String> problems, Map<String, String> texts) {
    this.problems = problems;
    this.texts = texts;
  }

  /** One resource instance: its block, its scope as written and its symbolic twin. */
  record Res(Body.Block block, TfInstance c, TfInstance t, String app, String env, String suffix) {
    String address() {
      String a = c.address.isEmpty() ? "" : c.address + ".";
      return a + block.labels().get(0) + "." + block.labels().get(1) + suffix;
    }
  }

  // ---- walking

  void collect(TfInstance inst, @Nullable String app, @Nullable String env) {
    String appVar = first(inst.module.variables.keySet(), TerraformImport.APP_VARS);
    String envVar = first(inst.module.variables.keySet(), TerraformImport.ENV_VARS);
    Map<String, Value> twinInputs = new LinkedHashMap<>();
    try {
      if (appVar != null) {
        app = plain(inst.variable(appVar), "var." + appVar, app);
        twinInputs.put(appVar, new Value.Str("{app}", inst.module.variables.get(appVar).pos(), 0));
      }
      if (envVar != null) {
        env = plain(inst.variable(envVar), "var." + envVar, env);
        twinInputs.put(envVar, new Value.Str("{env}", inst.module.variables.get(envVar).pos(), 0));
      }
    } catch (HclException e) {
      problems.add(e.render());
      return;
    }
    TfInstance twin = inst.withInputs(twinInputs);
    for (String type : List.of(FILTER, ALARM, TOPIC, SUBSCRIPTION)) {
      Map<String, Body.Block> byName = inst.module.resources.getOrDefault(type, Map.of());
      for (Body.Block b : byName.values()) {
        List<TfInstance.Binding> bindings;
        try {
          bindings = inst.expand(b);
        } catch (HclException e) {
          problems.add(e.render());
          continue;
        }
        boolean eachIsApp = appVar == null && app == null && b.body().attribute("for_each") != null;
        // count = length(var.apps) at a root without an app variable: one app per element
        List<String> countApps = null;
        TfInstance resourceTwin = twin;
        if (appVar == null && app == null && b.body().attribute("count") != null) {
          String listVar = lengthOfVar(b.body().attribute("count").expr());
          Value list = listVar == null ? null : inst.variable(listVar);
          if (list instanceof Value.ListV) {
            countApps = new ArrayList<>();
            List<Value> placeholders = new ArrayList<>();
            for (Value item : ((Value.ListV) list).items()) {
              countApps.add(item instanceof Value.Str ? ((Value.Str) item).value() : "");
              placeholders.add(new Value.Str("{app}", item.origin(), 0));
            }
            if (countApps.contains("")) {
              countApps = null;
            } else {
              resourceTwin = twin.withInputs(Map.of(listVar, new Value.ListV(placeholders, list.origin())));
            }
          }
        }
        for (TfInstance.Binding bd : bindings) {
          String a = app;
          String suffix = bd.key();
          Map<String, Value> twinBinding = bd.values();
          if (countApps != null) {
            a = countApps.get(out(bd));
            suffix = "";
          }
          if (eachIsApp) {
            Value.ObjV each = (Value.ObjV) bd.values().get("each");
            a = Evaluator.stringOf(each.fields().get("key"));
            Map<String, Value> e2 = new LinkedHashMap<>(each.fields());
            Value key = each.fields().get("key");
            e2.put("key", new Value.Str("{app}", key.origin(), 0));
            Value val = each.fields().get("value");
            if (val instanceof Value.Str && ((Value.Str) val).value().equals(a)) {
              e2.put("value", new Value.Str("{app}", val.origin(), 0));
            }
            twinBinding = Map.of("each", new Value.ObjV(e2, each.origin()));
            suffix = "";
          }
          Res r =
              new Res(
                  b,
                  inst.bind(bd.values()),
                  resourceTwin.bind(twinBinding),
                  a == null ? "" : a,
                  env == null ? "default" : env,
                  suffix);
          switch (type) {
            case FILTER:
              filters.add(r);
              break;
            case ALARM:
              alarms.add(r);
              break;
            case TOPIC:
              topics.add(r);
              break;
            default:
              subscriptions.add(r);
          }
        }
      }
    }
    for (Body.Block call : inst.module.modules.values()) {
      List<TfInstance.Binding> bindings;
      try {
        bindings = inst.expand(call);
      } catch (HclException e) {
        problems.add(e.render());
        continue;
      }
      for (TfInstance.Binding bd : bindings) {
        TfInstance child;
        try {
          child = inst.child(call, bd);
        } catch (HclException e) {
          problems.add(e.render());
          continue;
        }
        collect(child, app, env);
      }
    }
  }

  /** X of {@code count = length(var.X)}, or null. */
  private static @Nullable String lengthOfVar(Expr e) {
    if (e instanceof Expr.Call
        && ((Expr.Call) e).name().equals("length")
        && ((Expr.Call) e).args().size() == 1
        && ((Expr.Call) e).args().get(0) instanceof Expr.GetAttr) {
      Expr.GetAttr g = (Expr.GetAttr) ((Expr.Call) e).args().get(0);
      if (g.target() instanceof Expr.Variable && ((Expr.Variable) g.target()).name().equals("var")) {
        return g.name();
      }
    }
    return null;
  }

  /** The count.index of a binding. */
  private static int out(TfInstance.Binding bd) {
    Value.ObjV count = (Value.ObjV) bd.values().get("count");
    return ((Value.Num) count.fields().get("index")).value().intValue();
  }

  private static @Nullable String first(Set<String> declared, List<String> candidates) {
    for (String c : candidates) {
      if (declared.contains(c)) {
        return c;
      }
    }
    return null;
  }

  private static @Nullable String plain(Value v, String what, @Nullable String fallback) {
    if (v instanceof Value.Str) {
      return ((Value.Str) v).value();
    }
    if (v instanceof Value.Unknown) {
      Value.Unknown u = (Value.Unknown) v;
      throw new HclException(
          u.origin(), "cannot tell the app or environment: " + what + " is not known (" + u.reason() + ")");
    }
    return fallback;
  }

  // ---- building

  /** One alarm instance with its values, ready to write. */
  private static final class Rec {
    final Res alarm;
    final Res filter;
    final String identity;
    String key = "";
    String nameTemplate = "";
    String logGroup = "";
    @Nullable YScalar logGroupScalar;
    @Nullable YScalar namespace;
    final Map<String, Y> fields = new LinkedHashMap<>();

    Rec(Res alarm, Res filter) {
      this.alarm = alarm;
      this.filter = filter;
      String a = alarm.c().address.isEmpty() ? "" : "module:" + alarm.c().module.dir + ":";
      this.identity = a + alarm.block().labels().get(1) + alarm.suffix();
    }
  }

  ImportedConfig build() {
    List<Rec> recs = new ArrayList<>();
    for (Res a : alarms) {
      Rec r = rec(a);
      if (r != null) {
        recs.add(r);
      }
    }
    if (!problems.isEmpty()) {
      return emptyResult();
    }
    if (recs.isEmpty()) {
      problems.add(
          "no aws_cloudwatch_metric_alarm with its aws_cloudwatch_log_metric_filter was found in"
              + " the files read (a module called from a root is read when its source is a local"
              + " path)");
      return emptyResult();
    }
    assignKeys(recs);
    if (!problems.isEmpty()) {
      return emptyResult();
    }
    return write(recs);
  }

  private ImportedConfig emptyResult() {
    return new ImportedConfig("", new ConfigNode.MapNode(List.of(), 1, 1), Map.of(), List.of(), texts);
  }

  private @Nullable Rec rec(Res a) {
    Body body = a.block().body();
    for (Body.Attribute attr : body.attributes()) {
      if (UNSUPPORTED_ALARM.contains(attr.name())) {
        problems.add(
            attr.pos()
                + ": "
                + attr.name()
                + " is not supported by mcpwatch (alarms on one metric with a plain statistic"
                + " only)");
        return null;
      }
    }
    Got metric = get(a, body, "metric_name");
    Got namespace = get(a, body, "namespace");
    if (metric == null || namespace == null) {
      if (metric == null && problems.isEmpty()) {
        problems.add(a.block().pos() + ": " + a.address() + " has no metric_name");
      }
      if (namespace == null && problems.isEmpty()) {
        problems.add(a.block().pos() + ": " + a.address() + " has no namespace");
      }
      return null;
    }
    String m = string(metric);
    String ns = string(namespace);
    if (m == null || ns == null) {
      return null;
    }
    Res filter = null;
    for (Res f : filterIndex().getOrDefault(a.env() + "\u0000" + a.app() + "\u0000" + ns + "\u0000" + m, List.of())) {
      if (filter == null || f.c().address.equals(a.c().address)) {
        filter = f;
      }
    }
    if (filter == null) {
      problems.add(
          metric.attr().expr().pos()
              + ": no aws_cloudwatch_log_metric_filter in the files read publishes metric "
              + m
              + " in namespace "
              + ns
              + (a.app().isEmpty() ? "" : " for app " + a.app())
              + "; mcpwatch counts log lines only through a metric filter");
      return null;
    }
    Rec r = new Rec(a, filter);
    Body fb = filter.block().body();
    Body mt = Objects.requireNonNull(transformation(filter));
    Got lg = get(filter, fb, "log_group_name");
    if (lg != null) {
      YScalar s = scalarString(lg, r);
      if (s != null) {
        r.logGroup = (String) s.value();
        r.logGroupScalar = s;
      }
    } else {
      problems.add(filter.block().pos() + ": " + filter.address() + " has no log_group_name");
    }
    r.namespace = scalarString(get(filter, mt, "namespace"), r);
    Got name = get(a, body, "alarm_name");
    if (name == null) {
      problems.add(a.block().pos() + ": " + a.address() + " has no alarm_name");
      return null;
    }
    YScalar nameS = scalarString(name, r);
    r.nameTemplate = nameS == null ? "" : (String) nameS.value();
    put(r, "metric", scalarString(get(filter, mt, "name"), r));
    put(r, "pattern", scalarString(get(filter, fb, "pattern"), r, true));
    Got value = get(filter, mt, "value");
    put(r, "metricValue", value == null ? YamlEmitter.s("1") : scalarString(value, r));
    Got dv = get(filter, mt, "default_value");
    if (dv != null) {
      put(r, "defaultValue", scalarNumber(dv));
    }
    Y filterDims = dimensions(filter, mt, r);
    put(r, "dimensions", filterDims);
    put(r, "alarmDimensions", alarmDimensions(a, body, filter, filterDims));
    Got unit = get(filter, mt, "unit");
    if (unit != null) {
      put(r, "unit", scalarString(unit, r));
    }
    Got desc = get(a, body, "alarm_description");
    if (desc != null) {
      put(r, "description", scalarString(desc, r));
    }
    Got stat = get(a, body, "statistic");
    if (stat == null) {
      problems.add(a.block().pos() + ": " + a.address() + " has no statistic");
    } else {
      put(r, "statistic", scalarString(stat, r));
    }
    numberField(r, a, body, "period", "period", true);
    numberField(r, a, body, "evaluation_periods", "evaluationPeriods", true);
    numberField(r, a, body, "datapoints_to_alarm", "datapointsToAlarm", false);
    put(r, "comparison", required(r, a, body, "comparison_operator"));
    numberField(r, a, body, "threshold", "threshold", true);
    Got tmd = get(a, body, "treat_missing_data");
    put(r, "treatMissingData", tmd == null ? YamlEmitter.s("missing") : scalarString(tmd, r));
    Got ae = get(a, body, "actions_enabled");
    if (ae != null) {
      put(r, "actionsEnabled", scalarBool(ae));
    }
    put(r, "alarmActions", actions(a, body, "alarm_actions"));
    put(r, "okActions", actions(a, body, "ok_actions"));
    put(r, "insufficientDataActions", actions(a, body, "insufficient_data_actions"));
    return r;
  }

  private @Nullable Map<String, List<Res>> filterIndex;

  /** The filters by environment, app, namespace and metric name (evaluated once each). */
  private Map<String, List<Res>> filterIndex() {
    if (filterIndex == null) {
      filterIndex = new java.util.HashMap<>();
      for (Res f : filters) {
        Body mt = transformation(f);
        if (mt == null) {
          continue;
        }
        Got fm = getQuiet(f, mt, "name");
        Got fns = getQuiet(f, mt, "namespace");
        String name = fm == null ? null : stringQuiet(fm.c());
        String namespace = fns == null ? null : stringQuiet(fns.c());
        if (name != null && namespace != null) {
          filterIndex
              .computeIfAbsent(
                  f.env() + "\u0000" + f.app() + "\u0000" + namespace + "\u0000" + name,
                  k -> new ArrayList<>())
              .add(f);
        }
      }
    }
    return filterIndex;
  }

  private static @Nullable Body transformation(Res f) {
    List<Body.Block> b = f.block().body().blocks("metric_transformation");
    return b.isEmpty() ? null : b.get(0).body();
  }

  private void put(Rec r, String key, @Nullable Y value) {
    if (value != null) {
      r.fields.put(key, value);
    }
  }

  private @Nullable Y required(Rec r, Res res, Body body, String attr) {
    Got g = get(res, body, attr);
    if (g == null) {
      problems.add(res.block().pos() + ": " + res.address() + " has no " + attr);
      return null;
    }
    return scalarString(g, r);
  }

  private void numberField(Rec r, Res res, Body body, String attr, String key, boolean required) {
    Got g = get(res, body, attr);
    if (g == null) {
      if (required) {
        problems.add(res.block().pos() + ": " + res.address() + " has no " + attr);
      }
      return;
    }
    put(r, key, scalarNumber(g));
  }

  /** An evaluated attribute: as written and in the twin (null when the twin cannot evaluate). */
  private record Got(Value c, @Nullable Value t, Body.Attribute attr, Res res) {}

  private @Nullable Got get(Res r, Body body, String name) {
    Body.Attribute a = body.attribute(name);
    if (a == null) {
      return null;
    }
    Value c;
    try {
      c = r.c().eval(a.expr());
    } catch (HclException e) {
      problems.add(e.render());
      return null;
    }
    Value t;
    try {
      t = r.t().eval(a.expr());
    } catch (HclException e) {
      t = null;
    }
    return new Got(c, t, a, r);
  }

  private @Nullable Got getQuiet(Res r, Body body, String name) {
    Body.Attribute a = body.attribute(name);
    if (a == null) {
      return null;
    }
    try {
      return new Got(r.c().eval(a.expr()), null, a, r);
    } catch (HclException e) {
      return null;
    }
  }

  private static @Nullable String stringQuiet(Value v) {
    return v instanceof Value.Str || v instanceof Value.Num ? Evaluator.stringOf(v) : null;
  }

  private @Nullable String string(Got g) {
    if (g.c() instanceof Value.Unknown) {
      unknown(g);
      return null;
    }
    String s = stringQuiet(g.c());
    if (s == null) {
      problems.add(g.attr().expr().pos() + ": " + g.attr().name() + ": expected a string, found " + g.c().describe());
    }
    return s;
  }

  private void unknown(Got g) {
    Value.Unknown u = (Value.Unknown) g.c();
    problems.add(
        g.attr().expr().pos()
            + ": cannot resolve "
            + g.res().c().text(g.attr().expr().pos())
            + ": "
            + u.expression()
            + " is not known ("
            + u.reason()
            + ")");
  }

  private @Nullable YScalar scalarString(@Nullable Got g, Rec r) {
    return scalarString(g, r, false);
  }

  /** A string value; the template with {app} / {env} where the twin shows them. */
  private @Nullable YScalar scalarString(@Nullable Got g, Rec r, boolean verbatimOnly) {
    if (g == null) {
      return null;
    }
    String s = string(g);
    if (s == null) {
      return null;
    }
    int textColumn = g.c() instanceof Value.Str ? ((Value.Str) g.c()).textColumn() : 0;
    String out = verbatimOnly ? s : template(s, g.t(), g.res());
    if (!out.equals(s)) {
      textColumn = 0;
    }
    return new YScalar(out, g.c().origin(), textColumn);
  }

  private static String template(String concrete, @Nullable Value twin, Res res) {
    if (!(twin instanceof Value.Str)) {
      return concrete;
    }
    String t = ((Value.Str) twin).value();
    if (!t.contains("{app}") && !t.contains("{env}")) {
      return concrete;
    }
    String filled = t.replace("{app}", res.app()).replace("{env}", res.env());
    return filled.equals(concrete) ? t : concrete;
  }

  private @Nullable YScalar scalarNumber(Got g) {
    Value v = g.c();
    if (v instanceof Value.Unknown) {
      unknown(g);
      return null;
    }
    BigDecimal n = null;
    if (v instanceof Value.Num) {
      n = ((Value.Num) v).value();
    } else if (v instanceof Value.Str) {
      try {
        n = new BigDecimal(((Value.Str) v).value().strip());
      } catch (NumberFormatException e) {
        n = null;
      }
    }
    if (n == null) {
      problems.add(g.attr().expr().pos() + ": " + g.attr().name() + ": expected a number, found " + v.describe());
      return null;
    }
    Object out = n.stripTrailingZeros().scale() <= 0 ? (Object) n.intValueExact() : n;
    return new YScalar(out, v.origin(), 0);
  }

  private @Nullable YScalar scalarBool(Got g) {
    Value v = g.c();
    if (v instanceof Value.Bool) {
      return new YScalar(((Value.Bool) v).value(), v.origin(), 0);
    }
    if (v instanceof Value.Unknown) {
      unknown(g);
      return null;
    }
    problems.add(g.attr().expr().pos() + ": " + g.attr().name() + ": expected true or false, found " + v.describe());
    return null;
  }

  private @Nullable Y dimensions(Res f, Body mt, Rec r) {
    Got g = get(f, mt, "dimensions");
    YMap m = new YMap();
    m.flow = true;
    if (g == null) {
      return null;
    }
    if (g.c() instanceof Value.Unknown) {
      unknown(g);
      return null;
    }
    if (!(g.c() instanceof Value.ObjV)) {
      problems.add(g.attr().expr().pos() + ": dimensions: expected a map, found " + g.c().describe());
      return null;
    }
    Map<String, Value> twin =
        g.t() instanceof Value.ObjV ? ((Value.ObjV) g.t()).fields() : Map.of();
    for (Map.Entry<String, Value> e : ((Value.ObjV) g.c()).fields().entrySet()) {
      Value v = e.getValue();
      String s = stringQuiet(v);
      if (v instanceof Value.Unknown || s == null) {
        problems.add(v.origin() + ": dimensions." + e.getKey() + ": expected a string, found " + v.describe());
        continue;
      }
      String t = template(s, twin.get(e.getKey()), f);
      int tc = v instanceof Value.Str && t.equals(s) ? ((Value.Str) v).textColumn() : 0;
      m.put(e.getKey(), new YScalar(t, v.origin(), tc));
    }
    return m;
  }

  /**
   * The alarm's {@code dimensions}, CloudWatch's full dimension set of the metric it watches: the
   * value of each of the filter's field dimensions ({@code Status = "404"} for {@code Status =
   * "$status"}) becomes {@code alarmDimensions}; a static one the filter also sets is already
   * watched; a dimension the filter does not publish is an error (the alarm could never fire).
   */
  private @Nullable Y alarmDimensions(Res alarm, Body body, Res filter, @Nullable Y filterDims) {
    Got g = get(alarm, body, "dimensions");
    if (g == null) {
      return null;
    }
    if (g.c() instanceof Value.Unknown) {
      unknown(g);
      return null;
    }
    if (!(g.c() instanceof Value.ObjV)) {
      problems.add(g.attr().expr().pos() + ": dimensions: expected a map, found " + g.c().describe());
      return null;
    }
    Map<String, Y> published =
        filterDims instanceof YMap ? ((YMap) filterDims).entries : Map.of();
    Map<String, Value> twin =
        g.t() instanceof Value.ObjV ? ((Value.ObjV) g.t()).fields() : Map.of();
    YMap m = new YMap();
    m.flow = true;
    for (Map.Entry<String, Value> e : ((Value.ObjV) g.c()).fields().entrySet()) {
      Value v = e.getValue();
      String s = stringQuiet(v);
      if (v instanceof Value.Unknown || s == null) {
        problems.add(v.origin() + ": dimensions." + e.getKey() + ": expected a string, found " + v.describe());
        continue;
      }
      String t = template(s, twin.get(e.getKey()), alarm);
      Y p = published.get(e.getKey());
      Object pv = p instanceof YScalar ? ((YScalar) p).value() : null;
      if (pv instanceof String && ((String) pv).startsWith("$")) {
        int tc = v instanceof Value.Str && t.equals(s) ? ((Value.Str) v).textColumn() : 0;
        m.put(e.getKey(), new YScalar(t, v.origin(), tc));
      } else if (pv == null) {
        problems.add(
            v.origin()
                + ": dimensions."
                + e.getKey()
                + ": "
                + filter.address()
                + " publishes no dimension "
                + e.getKey()
                + ", so this alarm watches a metric no log event produces and never fires (an"
                + " alarm watches exactly the dimension set it names); remove it here, or add "
                + e.getKey()
                + " = \"$field\" to the filter's metric_transformation dimensions");
      } else if (!pv.equals(t) && !pv.equals(s)) {
        problems.add(
            v.origin()
                + ": dimensions."
                + e.getKey()
                + ": the alarm watches "
                + e.getKey()
                + " = "
                + s
                + " but "
                + filter.address()
                + " sets "
                + e.getKey()
                + " = "
                + pv
                + ", so the alarm never fires");
      }
    }
    return m.entries.isEmpty() ? null : m;
  }

  /** Topic names of an actions list; the environment's topic is written as {topic} later. */
  private @Nullable Y actions(Res a, Body body, String attr) {
    Got g = get(a, body, attr);
    List<Y> items = new ArrayList<>();
    if (g == null) {
      return new YList(items);
    }
    if (g.c() instanceof Value.Unknown) {
      unknown(g);
      return null;
    }
    if (!(g.c() instanceof Value.ListV)) {
      problems.add(g.attr().expr().pos() + ": " + attr + ": expected a list of ARNs, found " + g.c().describe());
      return null;
    }
    for (Value v : ((Value.ListV) g.c()).items()) {
      if (v instanceof Value.Unknown && ((Value.Unknown) v).expression().startsWith("var.")) {
        Value.Unknown u = (Value.Unknown) v;
        if (noted.add(u.expression())) {
          notes.add(
              u.expression()
                  + " has no value here (first used at "
                  + g.attr().expr().pos()
                  + "): the alarms notify their environment's topic ({topic})");
        }
        items.add(new YScalar(new TopicRef(null), g.attr().expr().pos(), 0));
        continue;
      }
      if (v instanceof Value.Unknown) {
        problems.add(
            g.attr().expr().pos()
                + ": cannot resolve "
                + a.c().text(g.attr().expr().pos())
                + ": "
                + ((Value.Unknown) v).expression()
                + " is not known ("
                + ((Value.Unknown) v).reason()
                + ")");
        continue;
      }
      String arn = stringQuiet(v);
      String topic = arn == null ? null : TopicArns.topicName(arn);
      if (topic == null) {
        problems.add(
            g.attr().expr().pos()
                + ": "
                + attr
                + ": mcpwatch notifies SNS topics only, found "
                + v.describe()
                + " (expected arn:aws:sns:REGION:ACCOUNT:NAME or aws_sns_topic.NAME.arn)");
        continue;
      }
      items.add(new YScalar(new TopicRef(topic), v.origin(), 0));
    }
    return new YList(items);
  }

  /** An action before the environments' topics are known; null name = the environment's. */
  record TopicRef(@Nullable String name) {}

  // ---- keys and names

  private void assignKeys(List<Rec> recs) {
    Map<String, Rec> firstOf = new LinkedHashMap<>();
    for (Rec r : recs) {
      Rec first = firstOf.putIfAbsent(r.identity, r);
      if (first != null && !first.nameTemplate.equals(r.nameTemplate)) {
        problems.add(
            r.alarm.block().body().attribute("alarm_name").expr().pos()
                + ": mcpwatch names every alarm from one template ({app}, {env}, {alarm});"
                + " alarm_name of "
                + r.alarm.address()
                + " is \""
                + r.nameTemplate
                + "\" where the same resource elsewhere gives \""
                + first.nameTemplate
                + "\"");
        return;
      }
    }
    List<String> names = new ArrayList<>();
    firstOf.values().forEach(r -> names.add(r.nameTemplate));
    String prefix;
    String suffix;
    Map<String, String> keyOf = new LinkedHashMap<>();
    if (names.size() == 1) {
      Rec r = firstOf.values().iterator().next();
      String key = r.alarm.block().labels().get(1).replace('_', '-') + cleanSuffix(r.alarm.suffix());
      int at = r.nameTemplate.indexOf(key);
      if (at < 0) {
        at = r.nameTemplate.indexOf(r.alarm.block().labels().get(1));
        key = r.alarm.block().labels().get(1);
      }
      if (at < 0) {
        prefix = r.nameTemplate;
        suffix = "";
        key = r.alarm.block().labels().get(1).replace('_', '-');
        notes.add(
            "alarm_name \""
                + r.nameTemplate
                + "\" does not contain the resource's name; alarmName has no {alarm}");
        keyOf.put(r.identity, key);
        for (Rec x : recs) {
          x.key = key;
        }
        alarmNameTemplate = prefix;
        return;
      }
      prefix = r.nameTemplate.substring(0, at);
      suffix = r.nameTemplate.substring(at + key.length());
      keyOf.put(r.identity, key);
    } else {
      prefix = commonPrefix(names);
      suffix = commonSuffix(names, prefix.length());
      for (Rec r : firstOf.values()) {
        String middle =
            r.nameTemplate.substring(prefix.length(), r.nameTemplate.length() - suffix.length());
        if (!KEY.matcher(middle).matches() || keyOf.containsValue(middle)) {
          problems.add(
              r.alarm.block().body().attribute("alarm_name").expr().pos()
                  + ": mcpwatch names every alarm from one template ("
                  + prefix
                  + "{alarm}"
                  + suffix
                  + " here), and \""
                  + r.nameTemplate
                  + "\" leaves \""
                  + middle
                  + "\" as the alarm's own part; give the alarms names that differ in one"
                  + " part only, e.g. \"${var.appname}-${var.environment}-errors\"");
          return;
        }
        keyOf.put(r.identity, middle);
      }
    }
    for (Rec r : recs) {
      r.key = keyOf.get(r.identity);
    }
    alarmNameTemplate = prefix + "{alarm}" + suffix;
  }

  private String alarmNameTemplate = "{app}-{env}-{alarm}";

  private static String cleanSuffix(String s) {
    return s.replaceAll("[\\[\\]\"]", "").isEmpty() ? "" : "-" + s.replaceAll("[\\[\\]\"]", "");
  }

  private static String commonPrefix(List<String> names) {
    String p = names.get(0);
    for (String n : names) {
      int i = 0;
      while (i < p.length() && i < n.length() && p.charAt(i) == n.charAt(i)) {
        i++;
      }
      p = p.substring(0, i);
    }
    int open = p.lastIndexOf('{');
    if (open >= 0 && p.indexOf('}', open) < 0) {
      p = p.substring(0, open);
    }
    return p;
  }

  private static String commonSuffix(List<String> names, int prefixLength) {
    String s = names.get(0);
    for (String n : names) {
      int i = 0;
      while (i < s.length()
          && i < n.length() - prefixLength
          && s.charAt(s.length() - 1 - i) == n.charAt(n.length() - 1 - i)) {
        i++;
      }
      s = s.substring(s.length() - i);
    }
    int close = s.indexOf('}');
    if (close >= 0 && s.lastIndexOf('{', close) < 0) {
      s = s.substring(close + 1);
    }
    // keep a separator with the suffix only if every name has a part before it
    return s;
  }

  // ---- writing

  private ImportedConfig write(List<Rec> recs) {
    Set<String> envs = new LinkedHashSet<>();
    Set<String> apps = new LinkedHashSet<>();
    for (Rec r : recs) {
      envs.add(r.alarm.env());
      apps.add(r.alarm.app().isEmpty() ? "app" : r.alarm.app());
    }
    // namespace and log group
    Rec first = recs.get(0);
    for (Rec r : recs) {
      if (r.namespace != null
          && first.namespace != null
          && !r.namespace.value().equals(first.namespace.value())) {
        problems.add(
            r.namespace.src()
                + ": mcpwatch uses one namespace for all alarms; this filter uses "
                + r.namespace.value()
                + ", "
                + first.namespace.src()
                + " uses "
                + first.namespace.value());
        return emptyResult();
      }
    }
    Map<String, YScalar> appLogGroups = new LinkedHashMap<>();
    boolean oneLogGroup = true;
    for (Rec r : recs) {
      if (!r.logGroup.equals(first.logGroup)) {
        oneLogGroup = false;
      }
    }
    if (!oneLogGroup) {
      for (Rec r : recs) {
        String app = r.alarm.app().isEmpty() ? "app" : r.alarm.app();
        YScalar prev = appLogGroups.putIfAbsent(app, r.logGroupScalar);
        if (prev != null && r.logGroupScalar != null && !prev.value().equals(r.logGroupScalar.value())) {
          problems.add(
              r.logGroupScalar.src()
                  + ": mcpwatch reads one log group per app and environment; "
                  + r.filter.address()
                  + " reads "
                  + r.logGroupScalar.value()
                  + " and another filter of "
                  + app
                  + " reads "
                  + prev.value());
          return emptyResult();
        }
      }
    }
    // topics per environment
    Map<String, String> envTopic = new LinkedHashMap<>();
    Map<String, YScalar> topicScalars = new LinkedHashMap<>();
    for (Res t : topics) {
      Got n = getQuiet(t, t.block().body(), "name");
      String s = n == null ? null : stringQuiet(n.c());
      if (s != null) {
        int tc = n.c() instanceof Value.Str ? ((Value.Str) n.c()).textColumn() : 0;
        topicScalars.putIfAbsent(s, new YScalar(s, n.c().origin(), tc));
      }
    }
    for (String env : envs) {
      String topic = null;
      for (Rec r : recs) {
        if (!r.alarm.env().equals(env)) {
          continue;
        }
        for (String k : List.of("alarmActions", "okActions")) {
          Y y = r.fields.get(k);
          if (y instanceof YList) {
            for (Y item : ((YList) y).items()) {
              TopicRef ref = (TopicRef) ((YScalar) item).value();
              if (topic == null && ref.name() != null) {
                topic = ref.name();
              }
            }
          }
        }
      }
      if (topic == null) {
        for (Res t : topics) {
          if (t.env().equals(env)) {
            Got n = getQuiet(t, t.block().body(), "name");
            String s = n == null ? null : stringQuiet(n.c());
            if (s != null) {
              topic = s;
              break;
            }
          }
        }
      }
      if (topic == null) {
        topic = "mcpwatch-alarms-" + env;
        notes.add(
            "no aws_sns_topic of environment "
                + env
                + " was read: its topic is named "
                + topic
                + " here");
      }
      envTopic.put(env, topic);
    }
    // subscribers per topic
    Map<String, List<Y>> subscribers = new LinkedHashMap<>();
    for (Res s : subscriptions) {
      Got arn = get(s, s.block().body(), "topic_arn");
      Got protocol = get(s, s.block().body(), "protocol");
      Got endpoint = get(s, s.block().body(), "endpoint");
      if (arn == null || protocol == null || endpoint == null) {
        continue;
      }
      String a = stringQuiet(arn.c());
      String p = stringQuiet(protocol.c());
      String e = stringQuiet(endpoint.c());
      String topic = a == null ? null : TopicArns.topicName(a);
      if (topic == null || p == null || e == null) {
        notes.add(s.address() + " (" + s.block().pos() + ") is not imported: its topic, protocol or endpoint is only known at apply time");
        continue;
      }
      if (!Set.of("email", "email-json", "http", "https").contains(p)) {
        notes.add(s.address() + " (" + s.block().pos() + ") is not imported: mcpwatch does not deliver to protocol " + p);
        continue;
      }
      YMap sub = new YMap();
      sub.flow = true;
      sub.put(p, new YScalar(e, endpoint.c().origin(), endpoint.c() instanceof Value.Str ? ((Value.Str) endpoint.c()).textColumn() : 0));
      subscribers.computeIfAbsent(topic, k -> new ArrayList<>()).add(sub);
    }

    // document
    YMap root = new YMap();
    root.put("namespace", first.namespace == null ? YamlEmitter.s("MCP/Security") : first.namespace);
    if (oneLogGroup && first.logGroupScalar != null) {
      root.put("logGroup", first.logGroupScalar);
    } else {
      root.put("logGroup", YamlEmitter.s("/{env}/{app}"));
      root.comment("logGroup", "each app sets its own logGroup under apps");
    }
    root.put("alarmName", YamlEmitter.s(alarmNameTemplate));
    YMap defaults = new YMap();
    defaults.put("dimensions", YamlEmitter.s(null));
    root.put("defaults", defaults);
    root.comment("defaults", "A metric filter has only the dimensions it declares: clear mcpwatch's built-in");
    root.comment("defaults", "MCP = {app} (each alarm below lists the filter's own).");
    YMap envMap = new YMap();
    Set<String> usedTopics = new LinkedHashSet<>();
    for (String env : envs) {
      YMap e = new YMap();
      YScalar topicScalar = topicScalars.get(envTopic.get(env));
      e.put("topic", topicScalar == null ? YamlEmitter.s(envTopic.get(env)) : topicScalar);
      usedTopics.add(envTopic.get(env));
      List<Y> subs = subscribers.getOrDefault(envTopic.get(env), List.of());
      e.put("subscribers", new YList(subs));
      envMap.put(env, e);
    }
    root.put("environments", envMap);
    root.comment("environments", "One topic per environment and who it notifies (from aws_sns_topic and");
    root.comment("environments", "aws_sns_topic_subscription).");
    List<Y> appItems = new ArrayList<>();
    for (String app : apps) {
      if (appLogGroups.isEmpty()) {
        appItems.add(YamlEmitter.s(app));
      } else {
        YMap a = new YMap();
        a.put("name", YamlEmitter.s(app));
        a.put("logGroup", Objects.requireNonNull(appLogGroups.get(app)));
        appItems.add(a);
      }
    }
    root.put("apps", new YList(appItems));

    // alarms: base values from each key's first record; differences as overrides
    YMap alarmMap = new YMap();
    // alarms in the order their resources are written (not the order instances were met)
    Map<String, Rec> base = new LinkedHashMap<>();
    List<Rec> byPosition = new ArrayList<>(recs);
    byPosition.sort(
        java.util.Comparator.comparing((Rec r) -> r.alarm.block().pos().file())
            .thenComparingInt(r -> r.alarm.block().pos().start()));
    for (Rec r : byPosition) {
      base.putIfAbsent(r.key, null);
    }
    for (Rec r : recs) {
      if (base.get(r.key) == null) {
        base.put(r.key, r);
      }
    }
    Set<String> otherTopics = new LinkedHashSet<>();
    for (Rec r : base.values()) {
      YMap a = new YMap();
      r.fields.forEach((k, v) -> a.put(k, topics(v, envTopic.get(r.alarm.env()), otherTopics)));
      alarmMap.put(r.key, a);
      alarmMap.comment(
          r.key,
          "from "
              + r.alarm.block().pos().file()
              + ":"
              + r.alarm.block().pos().line()
              + " ("
              + r.alarm.block().labels().get(0)
              + "."
              + r.alarm.block().labels().get(1)
              + r.alarm.suffix()
              + "), filter "
              + (r.filter.block().pos().file().equals(r.alarm.block().pos().file())
                  ? "at line "
                  : r.filter.block().pos().file() + ":")
              + r.filter.block().pos().line());
    }
    root.put("alarms", alarmMap);
    List<Y> overrides = new ArrayList<>();
    Set<String> present = new LinkedHashSet<>();
    for (Rec r : recs) {
      String app = r.alarm.app().isEmpty() ? "app" : r.alarm.app();
      present.add(r.alarm.env() + "\u0000" + app + "\u0000" + r.key);
      Rec b = base.get(r.key);
      if (b == r) {
        continue;
      }
      YMap o = null;
      for (String cleared : List.of("dimensions", "alarmDimensions")) {
        if (b.fields.containsKey(cleared) && !r.fields.containsKey(cleared)) {
          // absent here but set on the alarm: cleared, or the override would inherit it
          if (o == null) {
            o = new YMap();
            o.flow = true;
            o.put("env", YamlEmitter.s(r.alarm.env()));
            o.put("app", YamlEmitter.s(app));
            o.put("alarm", YamlEmitter.s(r.key));
          }
          o.put(cleared, YamlEmitter.s(null));
        }
      }
      for (Map.Entry<String, Y> f : r.fields.entrySet()) {
        Y mine = topics(f.getValue(), envTopic.get(r.alarm.env()), otherTopics);
        Y theirs = b.fields.get(f.getKey());
        theirs = theirs == null ? null : topics(theirs, envTopic.get(b.alarm.env()), otherTopics);
        if (theirs == null || !canonical(mine).equals(canonical(theirs))) {
          if (o == null) {
            o = new YMap();
            o.flow = true;
            o.put("env", YamlEmitter.s(r.alarm.env()));
            o.put("app", YamlEmitter.s(app));
            o.put("alarm", YamlEmitter.s(r.key));
          }
          o.put(f.getKey(), mine);
        }
      }
      if (o != null) {
        overrides.add(o);
      }
    }
    for (String env : envs) {
      for (String app : apps) {
        for (String key : base.keySet()) {
          if (!present.contains(env + "\u0000" + app + "\u0000" + key)) {
            YMap o = new YMap();
            o.flow = true;
            o.put("env", YamlEmitter.s(env));
            o.put("app", YamlEmitter.s(app));
            o.put("alarm", YamlEmitter.s(key));
            o.put("enabled", YamlEmitter.s(Boolean.FALSE));
            overrides.add(o);
          }
        }
      }
    }
    root.put("overrides", new YList(overrides));
    otherTopics.removeAll(usedTopics);
    if (!otherTopics.isEmpty()) {
      YMap t = new YMap();
      for (String name : otherTopics) {
        YMap one = new YMap();
        one.put("subscribers", new YList(subscribers.getOrDefault(name, List.of())));
        t.put(name, one);
      }
      root.put("topics", t);
    }
    for (Res t : topics) {
      Got n = getQuiet(t, t.block().body(), "name");
      String s = n == null ? null : stringQuiet(n.c());
      if (s != null && !usedTopics.contains(s) && !otherTopics.contains(s)) {
        notes.add(t.address() + " (" + t.block().pos() + ") is not imported: no alarm notifies topic " + s);
      }
    }
    Set<Res> usedFilters = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    recs.forEach(r -> usedFilters.add(r.filter));
    for (Res f : filters) {
      if (!usedFilters.contains(f)) {
        notes.add(f.address() + " (" + f.block().pos() + ") is not imported: no alarm watches its metric");
      }
    }

    YamlEmitter y = new YamlEmitter();
    y.comment("Imported from Terraform by `mcpwatch import terraform`. Check it with:");
    y.comment("  mcpwatch validate -c <this file>");
    if (!notes.isEmpty()) {
      y.comment("");
      y.comment("Notes:");
      for (String n : notes) {
        y.comment("- " + n);
      }
    }
    y.blank();
    ConfigNode.MapNode node = y.document(root);
    return new ImportedConfig(y.text(), node, y.sourceMap, new ArrayList<>(notes), texts);
  }

  /** Replaces TopicRefs by topic names ({topic} for the environment's). */
  private static Y topics(Y v, @Nullable String envTopic, Set<String> other) {
    if (!(v instanceof YList)) {
      return v;
    }
    List<Y> out = new ArrayList<>();
    for (Y item : ((YList) v).items()) {
      if (item instanceof YScalar && ((YScalar) item).value() instanceof TopicRef) {
        YScalar s = (YScalar) item;
        TopicRef ref = (TopicRef) s.value();
        String name;
        if (ref.name() == null || ref.name().equals(envTopic)) {
          name = "{topic}";
        } else {
          name = ref.name();
          other.add(name);
        }
        out.add(new YScalar(name, s.src(), 0));
      } else {
        out.add(item);
      }
    }
    return new YList(out);
  }

  private static String canonical(Y y) {
    if (y instanceof YScalar) {
      Object v = ((YScalar) y).value();
      return v instanceof BigDecimal ? ((BigDecimal) v).stripTrailingZeros().toPlainString() : String.valueOf(v);
    }
    if (y instanceof YList) {
      StringBuilder sb = new StringBuilder("[");
      ((YList) y).items().forEach(i -> sb.append(canonical(i)).append(','));
      return sb.append(']').toString();
    }
    StringBuilder sb = new StringBuilder("{");
    ((YMap) y).entries.forEach((k, v) -> sb.append(k).append('=').append(canonical(v)).append(','));
    return sb.append('}').toString();
  }
}
